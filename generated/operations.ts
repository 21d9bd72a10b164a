// Generated from openapi/ by `npm run generate`. Do not edit: change the contract and regenerate.
// The tables the client is driven by: per operation, its method, path, parameters by location with
// their constraints, request body and response kinds; and the constraints of every schema they name.

/** The cloud endpoint, with `{region}` to fill in. */
export const endpointTemplate = "https://functiongraph.{region}.myhuaweicloud.com";

/** The regions the contract names for the cloud endpoint (`x-regions`); others are not refused. */
export const regions = ["cn-north-4","cn-east-3","cn-east-2","cn-south-1","ap-southeast-3"] as const;

/** The constraints of one value, from its schema. */
export interface ValueConstraint {
  /** JSON type: string, integer, number, boolean, object or array. */
  readonly type?: string;
  /** A format such as int32 or int64. */
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The constraint of each item of an array. */
  readonly items?: ValueConstraint;
  /** The value meets at least one of these. */
  readonly anyOf?: readonly ValueConstraint[];
  /** An object's declared properties. */
  readonly properties?: Readonly<Record<string, PropertyConstraint>>;
  /** An object with no declared properties: user data, whose keys are passed through exactly as they are. */
  readonly freeForm?: true;
  /** An object whose declared properties may be joined by others, which are kept and sent as they are. */
  readonly open?: true;
  /** The value is the named object schema in `schemas`. */
  readonly ref?: string;
}

/** A property of an object, or a parameter. */
export interface PropertyConstraint extends ValueConstraint {
  readonly required: boolean;
}

/** What an answer with one status holds. */
export type ResponseKind =
  | { readonly status: number; readonly body: 'json'; readonly schema: string }
  | { readonly status: number; readonly body: 'empty' };

/** One operation, as the contract describes it. */
export interface OperationTable {
  readonly method: string;
  /** The path template, with `{name}` for each path parameter. */
  readonly path: string;
  /** Parameters by location, under their names in the contract. */
  readonly parameters: {
    readonly path: Readonly<Record<string, PropertyConstraint>>;
    readonly query: Readonly<Record<string, PropertyConstraint>>;
    readonly header: Readonly<Record<string, PropertyConstraint>>;
  };
  /** The request body, or null when the operation sends none. */
  readonly body: { readonly required: boolean; readonly mediaType: 'application/json'; readonly schema: string } | null;
  /** The documented 2xx answers. */
  readonly success: readonly ResponseKind[];
  /** The documented error answers. */
  readonly errors: readonly ResponseKind[];
}

/** Every operation of the contract, by operationId. */
export const operationTable = {
  "createWorkflow": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {},
      "header": {}
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "WorkflowCreateBody"
    },
    "success": [
      {
        "status": 201,
        "body": "json",
        "schema": "WorkflowSimpleInfo"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "listWorkflow": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflows",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {
        "workflow_name": {
          "required": false,
          "type": "string",
          "maxLength": 64
        },
        "limit": {
          "required": false,
          "type": "integer",
          "format": "int32",
          "minimum": 1
        },
        "offset": {
          "required": false,
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "enterprise_project": {
          "required": false,
          "type": "string"
        },
        "mode": {
          "required": false,
          "type": "string",
          "enum": [
            "NORMAL",
            "EXPRESS"
          ]
        }
      },
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "WorkflowPageList"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "batchDeleteWorkflows": {
    "method": "DELETE",
    "path": "/v2/{project_id}/fgs/workflows",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {},
      "header": {}
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "WorkflowDeleteBody"
    },
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "OperateResponse"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "showWorkFlow": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {},
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "WorkflowInfo"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "updateWorkFlow": {
    "method": "PUT",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {},
      "header": {}
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "WorkflowCreateBody"
    },
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "WorkflowSimpleInfo"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "showTenantMetric": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflow-statistic",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {
        "period": {
          "required": false,
          "type": "string",
          "pattern": "^[1-9][0-9]{0,5}$"
        },
        "start_time": {
          "required": false,
          "type": "string",
          "pattern": "^[0-9]{1,16}$"
        },
        "end_time": {
          "required": false,
          "type": "string",
          "pattern": "^[0-9]{1,16}$"
        },
        "metric_type": {
          "required": false,
          "type": "string",
          "enum": [
            "totalCount",
            "errorCount",
            "averageDuration",
            "running",
            "rejectCount",
            "workflowFlowTotalCount",
            "workflowFlowErrorCount",
            "workflowFlowAverageDuration",
            "workflowFlowRunningCount",
            "workflowFlowRejectCount"
          ]
        }
      },
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "WorkflowStatisticsResp"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "showWorkFlowMetric": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflow-statistic/{workflow_urn}",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_urn": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 128
        }
      },
      "query": {
        "period": {
          "required": false,
          "type": "string",
          "pattern": "^[1-9][0-9]{0,5}$"
        },
        "start_time": {
          "required": false,
          "type": "string",
          "pattern": "^[0-9]{1,16}$"
        },
        "end_time": {
          "required": false,
          "type": "string",
          "pattern": "^[0-9]{1,16}$"
        }
      },
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "WorkflowStatisticsResp"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "startWorkflowExecution": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {},
      "header": {
        "X-Create-Time": {
          "required": false,
          "type": "string"
        },
        "X-WorkflowRun-ID": {
          "required": false,
          "type": "string"
        },
        "X-WorkflowRun-MergeFnParameters": {
          "required": false,
          "type": "string",
          "enum": [
            "true",
            "false",
            ""
          ]
        }
      }
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "FlowExecuteBody"
    },
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "StartWorkflowExecutionResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "listWorkflowExecutions": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {
        "limit": {
          "required": false,
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 500
        },
        "offset": {
          "required": false,
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "status": {
          "required": false,
          "type": "string",
          "enum": [
            "success",
            "fail",
            "running",
            "timeout",
            "cancel"
          ]
        },
        "start_time": {
          "required": false,
          "type": "string"
        },
        "end_time": {
          "required": false,
          "type": "string"
        }
      },
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "ListWorkflowExecutionsResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "createCallbackWorkflow": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/callback",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {},
      "header": {
        "X-Workflow-Run-Id": {
          "required": true,
          "type": "string"
        },
        "X-Workflow-State-Id": {
          "required": true,
          "type": "string"
        }
      }
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "CallbackWorkflowRequestBody"
    },
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "CreateCallbackWorkflowResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "startSyncWorkflowExecution": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/sync-executions",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {},
      "header": {}
    },
    "body": {
      "required": true,
      "mediaType": "application/json",
      "schema": "FlowExecuteBody"
    },
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "StartSyncWorkflowExecutionResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "showWorkflowExecution": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        },
        "execution_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {},
      "header": {
        "X-Get-Workflow-Full-History-Data": {
          "required": false,
          "type": "boolean"
        }
      }
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "ShowWorkflowExecutionResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "showWorkflowExecutionForPage": {
    "method": "GET",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions-history",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        }
      },
      "query": {
        "offset": {
          "required": true,
          "type": "integer",
          "format": "int32",
          "minimum": 0
        },
        "limit": {
          "required": true,
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 100
        },
        "start_time": {
          "required": false,
          "type": "string"
        },
        "end_time": {
          "required": false,
          "type": "string"
        }
      },
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "json",
        "schema": "ShowWorkflowExecutionForPageResponseBody"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "retryWorkFlow": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/retry",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        },
        "execution_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {},
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "empty"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  },
  "stopWorkFlow": {
    "method": "POST",
    "path": "/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/terminate",
    "parameters": {
      "path": {
        "project_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "workflow_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 512
        },
        "execution_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      },
      "query": {},
      "header": {}
    },
    "body": null,
    "success": [
      {
        "status": 200,
        "body": "empty"
      }
    ],
    "errors": [
      {
        "status": 400,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 401,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 403,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 404,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 429,
        "body": "json",
        "schema": "ErrorResponse"
      },
      {
        "status": 500,
        "body": "json",
        "schema": "ErrorResponse"
      }
    ]
  }
} as const satisfies Readonly<Record<string, OperationTable>>;

export type OperationId = keyof typeof operationTable;

/** The constraints of each schema that a request or response body names, by its name in components/schemas. */
export const schemas = {
  "WorkflowCreateBody": {
    "type": "object",
    "properties": {
      "name": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64,
        "pattern": "^([_a-zA-Z0-9().-]|[\\u4e00-\\u9fa5]){1,64}$"
      },
      "description": {
        "required": false,
        "type": "string",
        "maxLength": 512
      },
      "start": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 256
      },
      "triggers": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "Trigger"
        }
      },
      "functions": {
        "required": true,
        "type": "array",
        "maxItems": 100,
        "items": {
          "ref": "WorkflowFunction"
        }
      },
      "states": {
        "required": true,
        "type": "array",
        "minItems": 1,
        "maxItems": 100,
        "items": {
          "ref": "OperationState"
        }
      },
      "constants": {
        "required": true,
        "type": "object",
        "freeForm": true
      },
      "retries": {
        "required": true,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "Retry"
        }
      },
      "mode": {
        "required": false,
        "type": "string",
        "enum": [
          "NORMAL",
          "EXPRESS"
        ]
      },
      "express_config": {
        "required": false,
        "ref": "ExpressConfig"
      },
      "enterprise_project_id": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "enable_stream_response": {
        "required": false,
        "type": "boolean"
      }
    },
    "open": true
  },
  "Trigger": {
    "type": "object",
    "properties": {
      "trigger_name": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 256
      },
      "trigger_type": {
        "required": true,
        "type": "string",
        "enum": [
          "FLOWTIMER",
          "SMN",
          "APIG",
          "APIG_DE",
          "OBS"
        ]
      },
      "enabled": {
        "required": false,
        "type": "boolean"
      },
      "trigger_config": {
        "required": false,
        "ref": "OBSTriggerConfig"
      }
    },
    "open": true
  },
  "OBSTriggerConfig": {
    "type": "object",
    "properties": {
      "bucket": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "events": {
        "required": true,
        "type": "array",
        "minItems": 1,
        "maxItems": 64,
        "items": {
          "type": "string"
        }
      },
      "prefix": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "suffix": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      }
    },
    "open": true
  },
  "WorkflowFunction": {
    "type": "object",
    "properties": {
      "name": {
        "required": true,
        "type": "string",
        "maxLength": 256
      },
      "operation": {
        "required": true,
        "type": "string",
        "maxLength": 256
      },
      "metadata": {
        "required": false,
        "type": "object",
        "freeForm": true
      }
    },
    "open": true
  },
  "OperationState": {
    "type": "object",
    "properties": {
      "id": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "name": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 256,
        "pattern": "^([_a-zA-Z0-9().-]|[\\u4e00-\\u9fa5]){1,256}$"
      },
      "type": {
        "required": true,
        "type": "string",
        "enum": [
          "Operation",
          "Sleep",
          "End"
        ]
      },
      "end": {
        "required": true,
        "type": "boolean"
      },
      "transition": {
        "required": true,
        "type": "string",
        "maxLength": 256
      },
      "actions": {
        "required": true,
        "type": "array",
        "maxItems": 10,
        "items": {
          "ref": "WorkflowAction"
        }
      },
      "action_mode": {
        "required": false,
        "type": "string",
        "enum": [
          "sequential",
          "parallel",
          ""
        ]
      },
      "on_errors": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "OnError"
        }
      },
      "state_data_filter": {
        "required": false,
        "ref": "StateDataFilter"
      },
      "duration": {
        "required": false,
        "type": "number",
        "minimum": 0,
        "maximum": 86400
      }
    },
    "open": true
  },
  "WorkflowAction": {
    "type": "object",
    "properties": {
      "function_ref": {
        "required": false,
        "ref": "FunctionRef"
      }
    },
    "open": true
  },
  "FunctionRef": {
    "type": "object",
    "properties": {
      "ref_name": {
        "required": true,
        "type": "string",
        "maxLength": 256
      },
      "arguments": {
        "required": true,
        "type": "object",
        "freeForm": true
      },
      "invoke_mode": {
        "required": false,
        "type": "string",
        "enum": [
          "synchronize"
        ]
      }
    },
    "open": true
  },
  "OnError": {
    "type": "object",
    "properties": {
      "error": {
        "required": false,
        "type": "string",
        "maxLength": 256
      },
      "transition": {
        "required": false,
        "type": "string",
        "maxLength": 256
      },
      "retry_ref": {
        "required": false,
        "type": "string",
        "maxLength": 256
      }
    },
    "open": true
  },
  "StateDataFilter": {
    "type": "object",
    "properties": {
      "input": {
        "required": false,
        "type": "string",
        "maxLength": 256
      },
      "output": {
        "required": false,
        "type": "string",
        "maxLength": 256
      }
    },
    "open": true
  },
  "Retry": {
    "type": "object",
    "properties": {
      "name": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 256,
        "pattern": "^([_a-zA-Z0-9().-]|[\\u4e00-\\u9fa5]){1,256}$"
      },
      "delay": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 1,
        "maximum": 30
      },
      "max_attempts": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 1,
        "maximum": 8
      }
    },
    "open": true
  },
  "ExpressConfig": {
    "type": "object",
    "properties": {
      "log_level": {
        "required": false,
        "type": "string",
        "enum": [
          "ALL",
          "ERROR",
          "NONE"
        ]
      }
    },
    "open": true
  },
  "WorkflowSimpleInfo": {
    "type": "object",
    "properties": {
      "id": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "workflow_urn": {
        "required": true,
        "type": "string",
        "minLength": 1
      },
      "name": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "description": {
        "required": false,
        "type": "string",
        "maxLength": 512
      },
      "created_time": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "updated_time": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "created_by": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "enable_stream_response": {
        "required": false,
        "type": "boolean"
      }
    }
  },
  "ErrorResponse": {
    "type": "object",
    "properties": {
      "error_code": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 36
      },
      "error_msg": {
        "required": true,
        "type": "string",
        "minLength": 2,
        "maxLength": 512
      },
      "request_id": {
        "required": false,
        "type": "string",
        "minLength": 2,
        "maxLength": 512
      }
    }
  },
  "WorkflowPageList": {
    "type": "object",
    "properties": {
      "total": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 0,
        "maximum": 1000000
      },
      "size": {
        "required": false,
        "type": "integer",
        "format": "int32",
        "minimum": 0,
        "maximum": 200
      },
      "workflows": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "WorkflowSimpleInfo"
        }
      }
    }
  },
  "WorkflowDeleteBody": {
    "type": "object",
    "properties": {
      "workflow_urns": {
        "required": true,
        "type": "array",
        "maxItems": 200,
        "items": {
          "type": "string",
          "minLength": 1
        }
      }
    }
  },
  "OperateResponse": {
    "type": "object",
    "properties": {
      "success": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "type": "string",
          "minLength": 1
        }
      },
      "fail": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "OperateErrorInfo"
        }
      }
    }
  },
  "OperateErrorInfo": {
    "type": "object",
    "properties": {
      "workflow_urn": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 128
      },
      "error_detail": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      }
    }
  },
  "WorkflowInfo": {
    "type": "object",
    "properties": {
      "id": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "workflow_urn": {
        "required": true,
        "type": "string",
        "minLength": 1
      },
      "created_time": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "updated_time": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "created_by": {
        "required": true,
        "type": "string",
        "maxLength": 64
      },
      "lts_group_id": {
        "required": false,
        "type": "string"
      },
      "lts_stream_id": {
        "required": false,
        "type": "string"
      },
      "definition": {
        "required": false,
        "ref": "WorkflowCreateBody"
      }
    }
  },
  "WorkflowStatisticsResp": {
    "type": "object",
    "properties": {
      "count": {
        "required": false,
        "type": "array",
        "items": {
          "ref": "SlaReportsValue"
        }
      },
      "duration": {
        "required": false,
        "type": "array",
        "items": {
          "ref": "SlaReportsValue"
        }
      },
      "fail_count": {
        "required": false,
        "type": "array",
        "items": {
          "ref": "SlaReportsValue"
        }
      },
      "running_count": {
        "required": false,
        "type": "array",
        "items": {
          "ref": "SlaReportsValue"
        }
      }
    }
  },
  "SlaReportsValue": {
    "type": "object",
    "properties": {
      "timestamp": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 0
      },
      "value": {
        "required": false,
        "type": "number"
      }
    }
  },
  "FlowExecuteBody": {
    "type": "object",
    "properties": {
      "input": {
        "required": true,
        "type": "object",
        "freeForm": true
      },
      "headers": {
        "required": false,
        "type": "object",
        "freeForm": true
      }
    }
  },
  "StartWorkflowExecutionResponseBody": {
    "type": "object",
    "properties": {
      "execution_id": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      }
    }
  },
  "ListWorkflowExecutionsResponseBody": {
    "type": "object",
    "properties": {
      "executions": {
        "required": false,
        "type": "array",
        "maxItems": 999,
        "items": {
          "ref": "FlowExecutionBrief"
        }
      }
    }
  },
  "FlowExecutionBrief": {
    "type": "object",
    "properties": {
      "workflow_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "workflow_urn": {
        "required": false,
        "type": "string",
        "minLength": 1
      },
      "execution_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "status": {
        "required": false,
        "type": "string",
        "enum": [
          "success",
          "fail",
          "running",
          "timeout",
          "cancel"
        ]
      },
      "begin_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "end_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "last_update_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "created_by": {
        "required": false,
        "type": "string",
        "minLength": 1
      }
    }
  },
  "CallbackWorkflowRequestBody": {
    "type": "object",
    "properties": {
      "result": {
        "required": true,
        "type": "string",
        "enum": [
          "success",
          "fail"
        ]
      },
      "error": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "output": {
        "required": true,
        "type": "object",
        "freeForm": true
      }
    }
  },
  "CreateCallbackWorkflowResponseBody": {
    "type": "object",
    "properties": {
      "execution_id": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      }
    }
  },
  "StartSyncWorkflowExecutionResponseBody": {
    "type": "object",
    "properties": {
      "execution_id": {
        "required": true,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "status": {
        "required": true,
        "type": "string",
        "enum": [
          "success",
          "fail",
          "timeout"
        ]
      },
      "output": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "errors": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "SyncExecutionNodeErrorDetail"
        }
      },
      "begin_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "end_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      }
    }
  },
  "SyncExecutionNodeErrorDetail": {
    "type": "object",
    "properties": {
      "node_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "error_message": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 2048
      },
      "begin_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "end_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      }
    }
  },
  "ShowWorkflowExecutionResponseBody": {
    "type": "object",
    "properties": {
      "workflow_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "workflow_urn": {
        "required": false,
        "type": "string",
        "minLength": 1
      },
      "execution_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "status": {
        "required": false,
        "type": "string",
        "enum": [
          "success",
          "fail",
          "running",
          "timeout",
          "cancel"
        ]
      },
      "headers": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "input": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "output": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "begin_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "end_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "last_update_time": {
        "required": false,
        "type": "string",
        "maxLength": 64
      },
      "created_by": {
        "required": false,
        "type": "string",
        "minLength": 1
      },
      "node_execution_details": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "NodeExecutionDetail"
        }
      }
    }
  },
  "NodeExecutionDetail": {
    "type": "object",
    "properties": {
      "node_id": {
        "required": false,
        "type": "string",
        "minLength": 1,
        "maxLength": 64
      },
      "node_name": {
        "required": false,
        "type": "string"
      },
      "execution_id": {
        "required": false,
        "type": "string"
      },
      "executions": {
        "required": false,
        "type": "array",
        "maxItems": 200,
        "items": {
          "ref": "NodeExecution"
        }
      }
    }
  },
  "NodeExecution": {
    "type": "object",
    "properties": {
      "status": {
        "required": false,
        "type": "string",
        "enum": [
          "success",
          "fail",
          "running",
          "timeout",
          "cancel"
        ]
      },
      "input": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "output": {
        "required": false,
        "type": "object",
        "freeForm": true
      },
      "begin_time": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 0
      },
      "end_time": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 0
      },
      "error_message": {
        "required": false,
        "anyOf": [
          {
            "type": "object",
            "freeForm": true
          },
          {
            "type": "string"
          }
        ]
      },
      "request_id": {
        "required": false,
        "type": "string"
      }
    }
  },
  "ShowWorkflowExecutionForPageResponseBody": {
    "type": "object",
    "properties": {
      "executions": {
        "required": false,
        "type": "array",
        "maxItems": 999,
        "items": {
          "ref": "FlowExecutionBriefV2"
        }
      },
      "total": {
        "required": false,
        "type": "integer",
        "format": "int64",
        "minimum": 0,
        "maximum": 1000000
      },
      "size": {
        "required": false,
        "type": "integer",
        "format": "int32",
        "minimum": 0,
        "maximum": 100
      }
    }
  },
  "FlowExecutionBriefV2": {
    "type": "object",
    "properties": {
      "workflow_id": {
        "required": false,
        "type": "string"
      },
      "execution_id": {
        "required": false,
        "type": "string"
      },
      "status": {
        "required": false,
        "type": "string",
        "enum": [
          "success",
          "fail",
          "running",
          "timeout",
          "cancel",
          "scheduled",
          "recovered",
          "retrying",
          "stopping"
        ]
      },
      "begin_time": {
        "required": false,
        "type": "string"
      },
      "end_time": {
        "required": false,
        "type": "string"
      },
      "last_update_time": {
        "required": false,
        "type": "string"
      },
      "created_by": {
        "required": false,
        "type": "string"
      },
      "workflow_urn": {
        "required": false,
        "type": "string"
      }
    }
  }
} as const satisfies Readonly<Record<string, ValueConstraint>>;
