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

/** Every operation of the contract, by operationId; each one's doc comment is its summary and description, which the methods show on hover. */
export const operationTable = {
  /**
   * Create a flow.
   *
   * `POST /v2/{project_id}/fgs/workflows`
   *
   * Creates a flow from its definition and answers 201 with the flow's `id` (the `workflow_id` that starts and follows its executions) and its URN. An account holds at most 200 flows, and a flow at most 100 states; both limits can be raised by a ticket.
   *
   * The service is the judge of a definition, and no source lists what it checks. This package's `validateFlowDefinition` checks the request body's schema, and what no schema can express (every `transition` names a state, every `ref_name` a function, no state is unreachable, every expression parses), before anything is sent.
   *
   * Huawei's operation name: `CreateWorkflow`. The documented statuses are 201, 400 and 500, and the API gateway's 401, 403 and 429.
   */
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
  /**
   * Query flows.
   *
   * `GET /v2/{project_id}/fgs/workflows`
   *
   * Lists the project's flows page by page, optionally only those with a name or of a mode, with the total that match. Pages are `offset` and `limit` (at most 200 flows a page).
   *
   * Huawei's operation name: `ListWorkflow`. The documented statuses are 200, 400 and 500, and the API gateway's 401, 403 and 429.
   */
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
  /**
   * Delete flows.
   *
   * `DELETE /v2/{project_id}/fgs/workflows`
   *
   * Deletes up to 200 flows, named by URN (not by ID), and answers which were deleted and which were not. A flow that could not be deleted does not fail the call: it is listed under `fail` in a 200.
   *
   * This is a `DELETE` with a JSON body. Some HTTP libraries and generated clients drop or refuse the body of a `DELETE`; the request must carry it, with `Content-Type: application/json`. No source says what happens to a flow's running executions.
   *
   * Huawei's operation name: `BatchDeleteWorkflows`. The documented statuses are 200, 400 and 500, and the API gateway's 401, 403 and 429.
   */
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
  /**
   * Query a flow.
   *
   * `GET /v2/{project_id}/fgs/workflows/{workflow_id}`
   *
   * Returns one flow: its ID, URN and times, and its definition as stored (`definition`), which holds its name, description and mode.
   *
   * The definition may carry fields this description does not document. To change the flow, send back the definition you read, changed only where you mean to, with `updateWorkFlow`.
   *
   * Huawei's operation name: `ShowWorkFlow`. API Explorer documents 200, 400 and 500, and no source says how a flow that does not exist is answered; the execution operations answer it with 404, so 404 is assumed here too, beside the API gateway's 401, 403 and 429.
   */
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
  /**
   * Update a flow.
   *
   * `PUT /v2/{project_id}/fgs/workflows/{workflow_id}`
   *
   * Replaces the flow's definition with the one sent: a full replacement with the same required fields as `createWorkflow`, not a patch. A field left out is gone, so read the flow with `showWorkFlow` first and send back its whole `definition`, including fields this description does not document. No source says what becomes of executions already running, nor whether the flow's `name`, part of its URN, may change.
   *
   * Huawei's operation name: `UpdateWorkFlow`. API Explorer documents 200, 400 and 500; 404 is assumed for a flow that does not exist, as for `showWorkFlow`, beside the API gateway's 401, 403 and 429.
   */
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
  /**
   * Query the metrics of all flows.
   *
   * `GET /v2/{project_id}/fgs/workflow-statistic`
   *
   * Returns execution metrics over time for every flow of the project together: executions started, failed and running, and their average duration, as series of points over the time range.
   *
   * Every query parameter is text, as the official SDKs send it. The sources disagree on the values of `period` and `metric_type`: see each parameter.
   *
   * Huawei's operation name: `ShowTenantMetric`. The documented statuses are 200, 400 and 500, and the API gateway's 401, 403 and 429.
   */
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
  /**
   * Query the metrics of a flow.
   *
   * `GET /v2/{project_id}/fgs/workflow-statistic/{workflow_urn}`
   *
   * Returns execution metrics over time for one flow, named by its URN: executions started, failed and running, and their average duration, as series of points over the time range. Unlike `showTenantMetric`, it takes no `metric_type`.
   *
   * The URN holds `:` and travels as one path segment.
   *
   * Huawei's operation name: `ShowWorkFlowMetric`. The documented statuses are 200, 400 and 500, and the API gateway's 401, 403 and 429.
   */
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
  /**
   * Execute a flow asynchronously.
   *
   * `POST /v2/{project_id}/fgs/workflows/{workflow_id}/executions`
   *
   * Starts a new execution of the flow `workflow_id` with the given `input` and returns as soon as the execution has been accepted. The flow then runs in the background; the returned `execution_id` identifies this execution in FunctionGraph's console and in its other flow APIs.
   *
   * `input` becomes the input of the flow's first node; a flow may map parts of it to its nodes with JSONPath and fill defaults. `headers`, when given, are passed to the functions that the flow invokes.
   *
   * Huawei's operation name: `StartWorkflowExecution`. Offered in the Chinese mainland regions only.
   */
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
  /**
   * Query flow executions.
   *
   * `GET /v2/{project_id}/fgs/workflows/{workflow_id}/executions`
   *
   * Lists the flow's executions in a time range (the last three days by default), optionally only those in one status. The answer has no total; for pages with a total, use `showWorkflowExecutionForPage`.
   *
   * `offset` is documented only by the official SDKs and API Explorer, not by the official pages: see its description. The documented statuses are 200, 400 and 500 (API Explorer lists no 404 for this operation), and the API gateway's 401, 403 and 429.
   *
   * Huawei's operation name: `ListWorkflowExecutions`.
   */
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
  /**
   * Call back a flow.
   *
   * `POST /v2/{project_id}/fgs/workflows/{workflow_id}/callback`
   *
   * Resumes a flow node that is paused waiting for a callback. The node is named by the run ID (`X-Workflow-Run-Id`) and the state ID (`X-Workflow-State-Id`) of the paused execution.
   *
   * With `result: success` the node completes and `output` becomes its output, which the flow passes on to the next node. With `result: fail` the node fails with `error` as its reason, and the flow takes the node's failure path; `output` is still required and may be an empty object.
   *
   * Huawei's operation name: `CreateCallbackWorkflow`.
   */
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
  /**
   * Execute a flow synchronously.
   *
   * `POST /v2/{project_id}/fgs/workflows/{workflow_id}/sync-executions`
   *
   * Runs the express flow `workflow_id` with the given `input` and answers once the execution has ended, with its status (`success`, `fail` or `timeout`), its output on success and the nodes' errors on failure. Only express flows can run synchronously; run a standard flow with `startWorkflowExecution`.
   *
   * The request body is the same `FlowExecuteBody` as for `startWorkflowExecution`, and it is required.
   *
   * Error bodies: API Explorer gives the 400 and 500 bodies a `request_id`, while the official pages for this operation show only `error_code` and `error_msg`; no source gives the 404 body a `request_id`. The `ErrorResponse` schema makes `request_id` optional, so every version validates.
   *
   * Huawei's operation name: `StartSyncWorkflowExecution`. Offered in the Chinese mainland regions only.
   */
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
  /**
   * Query a flow execution.
   *
   * `GET /v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}`
   *
   * Returns one execution of the flow: its status, input, output, times, and for each node of the flow the node's runs with their own input, output and error. Poll it to follow an execution started with `startWorkflowExecution` until its status is final (`success`, `fail`, `timeout` or `cancel`).
   *
   * Node times (`node_execution_details[].executions[].begin_time`, `end_time`) are milliseconds since the epoch, while the execution's own times are text.
   *
   * Huawei's operation name: `ShowWorkflowExecution`.
   */
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
  /**
   * Query flow execution records by page.
   *
   * `GET /v2/{project_id}/fgs/workflows/{workflow_id}/executions-history`
   *
   * Returns one page of the flow's execution records in a time range (the last three days by default), with `total`, the number of records on all pages. Ask for the next page with `offset` plus `limit` until `offset` reaches `total`.
   *
   * The items are `FlowExecutionBriefV2`, as the official SDKs and API Explorer describe them, not the `FlowExecutionBrief` of the official pages: see `FlowExecutionBriefV2` for the difference and why.
   *
   * The documented statuses are 200, 400 and 500 (API Explorer lists no 404 for this operation), and the API gateway's 401, 403 and 429.
   *
   * Huawei's operation name: `ShowWorkflowExecutionForPage`.
   */
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
  /**
   * Retry a flow execution.
   *
   * `POST /v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/retry`
   *
   * Runs a failed execution of a standard flow again. Express flows cannot be retried. The request has no parameters beyond the path and no body, and a successful answer is an empty 200.
   *
   * (The English page is titled "Re-executing a Flow"; Huawei's operation name is `RetryWorkFlow`.)
   */
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
  /**
   * Stop a flow execution.
   *
   * `POST /v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/terminate`
   *
   * Stops an execution of the flow. The request has no parameters beyond the path and no body, and a successful answer is an empty 200.
   *
   * (The English page is titled "Stopping a Flow"; Huawei's operation name is `StopWorkFlow`, and the path ends in `/terminate`.)
   */
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
