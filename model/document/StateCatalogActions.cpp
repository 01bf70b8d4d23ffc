// The Actions of the catalogue: one Task per service integration, with the parameters Workflow
// Studio starts from. Placeholders are realistic (account 123456789012, us-east-1, AWS's
// documented example bucket "amzn-s3-demo-bucket") so that each state validates as it is dropped.
#include "model/document/StateCatalogParts.h"

#include <stdexcept>

namespace flowcast::model {
namespace catalog {
namespace {

std::string jsonataPath(const std::string& path) {
    if (path == "$") return "$states.input";
    if (path.rfind("$$.", 0) == 0) return "$states.context" + path.substr(2);
    if (path.rfind("$.", 0) == 0 || path.rfind("$[", 0) == 0)
        return "$states.input" + path.substr(1);
    throw std::logic_error("state catalogue: no JSONata form for the path \"" + path + "\"");
}

// The whole state input is the payload; the state passes on what the function returned.
TaskSpec lambdaInvokeTask() {
    return {"lambda:invoke",
            R"({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-function",)"
            R"( "Payload.$": "$"})",
            TaskOutput::LambdaPayload, true};
}

struct ActionSpec {
    const char* id;
    const char* name;
    const char* service;
    std::vector<std::string> keywords;
    const char* description;
    TaskSpec task;
};

// Resources and request fields: AWS Step Functions Developer Guide, "Integrating services"
// (one page per service: connect-lambda, connect-glue, connect-emr, connect-emr-serverless,
// connect-athena, connect-sagemaker, connect-ddb, connect-sns, connect-sqs, connect-batch,
// connect-ecs, call-https-apis, supported-services-awssdk).
std::vector<ActionSpec> actionSpecs() {
    return {
        {"lambda-invoke",
         "Lambda Invoke",
         "AWS Lambda",
         {"function", "invoke", "serverless", "compute"},
         "Invokes a Lambda function with the state input and passes on its Payload.",
         lambdaInvokeTask()},
        {"glue-start-job-run",
         "Glue StartJobRun",
         "AWS Glue",
         {"etl", "spark", "job", "sync"},
         "Runs a Glue job and waits for it to finish (.sync).",
         {"glue:startJobRun.sync", R"({"JobName": "my-glue-job"})"}},
        {"glue-start-crawler",
         "Glue StartCrawler",
         "AWS Glue",
         {"crawler", "catalog", "schema", "table", "sdk"},
         "Starts a Glue crawler (AWS SDK call; it returns at once, poll GetCrawler to wait).",
         {"aws-sdk:glue:startCrawler", R"({"Name": "my-crawler"})"}},
        {"emr-create-cluster",
         "EMR CreateCluster",
         "Amazon EMR",
         {"elasticmapreduce", "hadoop", "spark", "cluster", "sync"},
         "Creates an EMR cluster and waits until it is running (.sync).",
         {"elasticmapreduce:createCluster.sync",
          R"({"Name": "my-cluster", "ReleaseLabel": "emr-7.2.0",
              "Applications": [{"Name": "Spark"}],
              "ServiceRole": "EMR_DefaultRole", "JobFlowRole": "EMR_EC2_DefaultRole",
              "LogUri": "s3://amzn-s3-demo-bucket/emr-logs/",
              "Instances": {"KeepJobFlowAliveWhenNoSteps": true,
                "InstanceGroups": [
                  {"Name": "Primary", "Market": "ON_DEMAND", "InstanceRole": "MASTER",
                   "InstanceType": "m5.xlarge", "InstanceCount": 1},
                  {"Name": "Core", "Market": "ON_DEMAND", "InstanceRole": "CORE",
                   "InstanceType": "m5.xlarge", "InstanceCount": 2}]}})"}},
        {"emr-add-step",
         "EMR AddStep",
         "Amazon EMR",
         {"elasticmapreduce", "hadoop", "spark", "step", "sync"},
         "Runs a step on the cluster named by $.ClusterId and waits for it (.sync).",
         // ResultPath null keeps $.ClusterId for the next step or TerminateCluster.
         {"elasticmapreduce:addStep.sync",
          R"({"ClusterId.$": "$.ClusterId",
              "Step": {"Name": "my-step", "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {"Jar": "command-runner.jar",
                  "Args": ["spark-submit", "--deploy-mode", "cluster",
                           "s3://amzn-s3-demo-bucket/scripts/job.py"]}}})",
          TaskOutput::KeepInput}},
        {"emr-terminate-cluster",
         "EMR TerminateCluster",
         "Amazon EMR",
         {"elasticmapreduce", "cluster", "shutdown", "sync"},
         "Terminates the cluster named by $.ClusterId and waits until it is gone (.sync).",
         {"elasticmapreduce:terminateCluster.sync", R"({"ClusterId.$": "$.ClusterId"})"}},
        {"emr-serverless-start-job-run",
         "EMR Serverless StartJobRun",
         "Amazon EMR Serverless",
         {"spark", "serverless", "job", "sync"},
         "Runs a Spark job on an EMR Serverless application and waits for it (.sync).",
         {"emr-serverless:startJobRun.sync",
          R"({"ApplicationId": "00fexampleapp001",
              "ExecutionRoleArn": "arn:aws:iam::123456789012:role/EMRServerlessJobRole",
              "Name": "my-job-run",
              "JobDriver": {"SparkSubmit": {
                "EntryPoint": "s3://amzn-s3-demo-bucket/scripts/job.py"}}})"}},
        {"athena-start-query-execution",
         "Athena StartQueryExecution",
         "Amazon Athena",
         {"sql", "query", "presto", "trino", "sync"},
         "Runs an Athena query and waits for its result (.sync).",
         {"athena:startQueryExecution.sync",
          R"({"QueryString": "SELECT * FROM my_table LIMIT 10", "WorkGroup": "primary",
              "QueryExecutionContext": {"Database": "my_database"},
              "ResultConfiguration": {
                "OutputLocation": "s3://amzn-s3-demo-bucket/athena-results/"}})"}},
        {"sagemaker-create-transform-job",
         "SageMaker CreateTransformJob",
         "Amazon SageMaker",
         {"machine learning", "ml", "batch transform", "inference", "sync"},
         "Runs a batch transform with a SageMaker model and waits for it (.sync).",
         // A transform job name must be unique in the account: the execution name is.
         {"sagemaker:createTransformJob.sync",
          R"({"TransformJobName.$": "$$.Execution.Name", "ModelName": "my-model",
              "TransformInput": {
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
                  "S3Uri": "s3://amzn-s3-demo-bucket/transform-input/"}},
                "ContentType": "text/csv", "SplitType": "Line"},
              "TransformOutput": {"S3OutputPath": "s3://amzn-s3-demo-bucket/transform-output/"},
              "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1}})"}},
        {"dynamodb-put-item",
         "DynamoDB PutItem",
         "Amazon DynamoDB",
         {"database", "table", "write", "nosql"},
         "Writes an item to a DynamoDB table and passes its input on unchanged.",
         {"dynamodb:putItem",
          R"({"TableName": "my-table",
              "Item": {"pk": {"S.$": "$$.Execution.Name"}, "status": {"S": "STARTED"}}})",
          TaskOutput::KeepInput}},
        {"dynamodb-get-item",
         "DynamoDB GetItem",
         "Amazon DynamoDB",
         {"database", "table", "read", "nosql"},
         "Reads the item whose key is $.pk from a DynamoDB table.",
         {"dynamodb:getItem", R"({"TableName": "my-table", "Key": {"pk": {"S.$": "$.pk"}}})"}},
        {"sns-publish",
         "SNS Publish",
         "Amazon SNS",
         {"notification", "topic", "message", "alert", "email"},
         "Publishes the state input as a message to an SNS topic.",
         {"sns:publish",
          R"({"TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic", "Message.$": "$"})"}},
        {"sqs-send-message",
         "SQS SendMessage",
         "Amazon SQS",
         {"queue", "message"},
         "Sends the state input as a message to an SQS queue.",
         {"sqs:sendMessage",
          R"({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue",
              "MessageBody.$": "$"})"}},
        {"batch-submit-job",
         "Batch SubmitJob",
         "AWS Batch",
         {"job", "container", "compute", "sync"},
         "Submits an AWS Batch job and waits for it to finish (.sync).",
         {"batch:submitJob.sync",
          R"({"JobName": "my-batch-job",
              "JobDefinition":
                "arn:aws:batch:us-east-1:123456789012:job-definition/my-job-definition:1",
              "JobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/my-job-queue"})"}},
        {"ecs-run-task",
         "ECS RunTask",
         "Amazon ECS",
         {"container", "fargate", "docker", "task", "sync"},
         "Runs a task on ECS (Fargate) and waits for it to stop (.sync).",
         {"ecs:runTask.sync",
          R"({"LaunchType": "FARGATE",
              "Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/my-cluster",
              "TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/my-task:1",
              "NetworkConfiguration": {"AwsvpcConfiguration": {
                "Subnets": ["subnet-0a1b2c3d4e5f60718"], "AssignPublicIp": "DISABLED"}}})"}},
        {"http-invoke",
         "HTTP Invoke",
         "HTTPS API",
         {"http", "https", "rest", "api", "endpoint", "webhook"},
         "Calls an HTTPS API through an EventBridge connection that holds its credentials.",
         // An HTTP Task needs Authentication.ConnectionArn (AWS: "Call HTTPS APIs").
         {"http:invoke",
          R"({"ApiEndpoint": "https://api.example.com/v1/items", "Method": "GET",
              "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:)"
          R"(connection/my-connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"}})"}},
        {"aws-sdk-call",
         "AWS SDK Call",
         "AWS SDK",
         {"sdk", "api", "any service", "s3", "generic"},
         "Calls any AWS API as aws-sdk:service:action; starts as S3 ListObjectsV2.",
         {"aws-sdk:s3:listObjectsV2", R"({"Bucket": "amzn-s3-demo-bucket"})"}},
    };
}

} // namespace
} // namespace catalog

Json defaultLambdaRetry() {
    // Workflow Studio's retrier for a new Lambda Invoke state, as it writes it (1 s, 3 attempts,
    // backoff 2, full jitter). The errors are the transient ones AWS's developer guide names in
    // "Handle Lambda service exceptions" (docs.aws.amazon.com/step-functions/latest/dg/
    // bp-lambda-serviceexception.html), plus Lambda.TooManyRequestsException, the error the same
    // page gives for hitting Lambda's invocation limit. That page's own example retries 6 times
    // from 2 s; Workflow Studio's default is the one reproduced here.
    return Json::parse(R"([{
        "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException",
                        "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
        "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}])");
}

namespace catalog {

Json jsonataArguments(const Json& parameters) {
    if (parameters.is_array()) {
        Json out = Json::array();
        for (const Json& item : parameters)
            out.push_back(jsonataArguments(item));
        return out;
    }
    if (!parameters.is_object()) return parameters;
    Json out = Json::object();
    for (const auto& [key, value] : parameters.items()) {
        const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
        if (dynamic && value.is_string())
            out[key.substr(0, key.size() - 2)] =
                "{% " + jsonataPath(value.get<std::string>()) + " %}";
        else
            out[key] = jsonataArguments(value);
    }
    return out;
}

Json taskState(const TaskSpec& spec, QueryLanguage language) {
    const bool jsonata = language == QueryLanguage::Jsonata;
    Json state = Json::object();
    state["Type"] = "Task";
    state["Resource"] = "arn:aws:states:::" + spec.resource;
    const Json parameters = Json::parse(spec.parameters);
    if (jsonata)
        state["Arguments"] = jsonataArguments(parameters);
    else
        state["Parameters"] = parameters;
    switch (spec.output) {
    case TaskOutput::Result:
        break;
    case TaskOutput::KeepInput:
        if (jsonata)
            state["Output"] = "{% $states.input %}";
        else
            state["ResultPath"] = nullptr;
        break;
    case TaskOutput::LambdaPayload:
        if (jsonata)
            state["Output"] = "{% $states.result.Payload %}";
        else
            state["OutputPath"] = "$.Payload";
        break;
    }
    if (spec.lambdaRetry) state["Retry"] = defaultLambdaRetry();
    state["End"] = true;
    return state;
}

Json lambdaInvokeState(QueryLanguage language) {
    return taskState(lambdaInvokeTask(), language);
}

CatalogFragment singleState(std::string name, Json state) {
    CatalogFragment fragment;
    fragment.entry = name;
    if (state.value("End", false)) fragment.exits.push_back(name);
    fragment.states.push_back({std::move(name), std::move(state)});
    return fragment;
}

std::vector<CatalogEntry> actionEntries() {
    std::vector<CatalogEntry> entries;
    for (ActionSpec& spec : actionSpecs()) {
        const std::string name = spec.name;
        auto build = [name, task = spec.task](QueryLanguage language) {
            return singleState(name, taskState(task, language));
        };
        entries.push_back({spec.id, CatalogGroup::Actions, name, spec.service,
                           std::move(spec.keywords), spec.description, std::move(build)});
    }
    return entries;
}

} // namespace catalog
} // namespace flowcast::model
