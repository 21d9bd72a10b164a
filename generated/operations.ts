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
