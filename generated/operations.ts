// Generated from openapi/ by `npm run generate`. Do not edit: change the contract and regenerate.
// The run-time constraints of each operation, which the client checks before it sends a request.

/** The cloud endpoint, with `{region}` to fill in. */
export const endpointTemplate = "https://functiongraph.{region}.myhuaweicloud.com";

/** The regions the contract lists for the cloud endpoint. */
export const regions = ["cn-north-4","cn-east-3","cn-east-2","cn-south-1"] as const;

export const operations = {
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
      },
      "query": {}
    },
    "body": {
      "required": true,
      "type": "object",
      "properties": {
        "input": {
          "required": true,
          "type": "object"
        },
        "headers": {
          "required": false,
          "type": "object"
        }
      }
    },
    "response": {
      "status": 200,
      "type": "object",
      "properties": {
        "execution_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      }
    }
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
      "header": {
        "X-Workflow-Run-Id": {
          "required": true,
          "type": "string"
        },
        "X-Workflow-State-Id": {
          "required": true,
          "type": "string"
        }
      },
      "query": {}
    },
    "body": {
      "required": true,
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
          "type": "object"
        }
      }
    },
    "response": {
      "status": 200,
      "type": "object",
      "properties": {
        "execution_id": {
          "required": true,
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      }
    }
  }
} as const;
