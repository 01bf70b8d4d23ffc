// The Patterns of the catalogue: several states that work together, written once per query
// language (JSONPath keeps data in the state input; JSONata uses variables, as AWS's JSONata
// examples do).
#include "model/document/StateCatalogParts.h"

namespace flowcast::model::catalog {
namespace {

CatalogFragment fragment(std::vector<std::pair<const char*, const char*>> states,
                         std::vector<std::string> exits) {
    CatalogFragment out;
    for (const auto& [name, json] : states)
        out.states.push_back({name, Json::parse(json)});
    out.entry = out.states.front().name;
    out.exits = std::move(exits);
    return out;
}

// A Glue job run polled until it ends: Glue's optimized integration can wait (.sync), but the
// same loop serves every service whose call returns at once (crawlers, EMR on EKS jobs, ...).
// Glue's JobRunState values: AWS Glue API reference, "JobRun".
CatalogFragment pollUntilDone(QueryLanguage language) {
    if (language == QueryLanguage::Jsonata)
        return fragment(
            {{"Start Job Run", R"({"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun",
                 "Arguments": {"JobName": "my-glue-job"}, "Output": "{% $states.input %}",
                 "Assign": {"jobRunId": "{% $states.result.JobRunId %}"},
                 "Next": "Wait for Job"})"},
             {"Wait for Job", R"({"Type": "Wait", "Seconds": 30, "Next": "Get Job Run"})"},
             {"Get Job Run",
              R"({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:glue:getJobRun",
                 "Arguments": {"JobName": "my-glue-job", "RunId": "{% $jobRunId %}"},
                 "Output": "{% $states.input %}",
                 "Assign": {"jobRunState": "{% $states.result.JobRun.JobRunState %}"},
                 "Next": "Job Finished?"})"},
             {"Job Finished?", R"({"Type": "Choice", "Choices": [
                 {"Condition": "{% $jobRunState = 'SUCCEEDED' %}", "Next": "Job Succeeded"},
                 {"Condition":
                    "{% $jobRunState in ['FAILED', 'ERROR', 'TIMEOUT', 'STOPPED', 'EXPIRED'] %}",
                  "Next": "Job Failed"}],
                 "Default": "Wait for Job"})"},
             {"Job Succeeded", R"({"Type": "Pass", "End": true})"},
             {"Job Failed", R"({"Type": "Fail", "Error": "JobRunFailed",
                 "Cause": "{% 'Glue job run ' & $jobRunId & ' ended as ' & $jobRunState %}"})"}},
            {"Job Succeeded"});
    return fragment(
        {{"Start Job Run", R"({"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun",
             "Parameters": {"JobName": "my-glue-job"}, "ResultPath": "$.job",
             "Next": "Wait for Job"})"},
         {"Wait for Job", R"({"Type": "Wait", "Seconds": 30, "Next": "Get Job Run"})"},
         {"Get Job Run", R"({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:glue:getJobRun",
             "Parameters": {"JobName": "my-glue-job", "RunId.$": "$.job.JobRunId"},
             "ResultSelector": {"JobRunState.$": "$.JobRun.JobRunState"},
             "ResultPath": "$.status", "Next": "Job Finished?"})"},
         {"Job Finished?", R"({"Type": "Choice", "Choices": [
             {"Variable": "$.status.JobRunState", "StringEquals": "SUCCEEDED",
              "Next": "Job Succeeded"},
             {"Or": [
                {"Variable": "$.status.JobRunState", "StringEquals": "FAILED"},
                {"Variable": "$.status.JobRunState", "StringEquals": "ERROR"},
                {"Variable": "$.status.JobRunState", "StringEquals": "TIMEOUT"},
                {"Variable": "$.status.JobRunState", "StringEquals": "STOPPED"},
                {"Variable": "$.status.JobRunState", "StringEquals": "EXPIRED"}],
              "Next": "Job Failed"}],
             "Default": "Wait for Job"})"},
         {"Job Succeeded", R"({"Type": "Pass", "End": true})"},
         {"Job Failed", R"({"Type": "Fail", "Error": "JobRunFailed",
             "Cause": "The Glue job run did not succeed."})"}},
        {"Job Succeeded"});
}

// One Lambda call per item of $.items. MaxConcurrency 10 keeps a large array from spending the
// account's Lambda concurrency at once (an inline Map runs up to 40 iterations at a time).
CatalogFragment fanOutMap(QueryLanguage language) {
    const bool jsonata = language == QueryLanguage::Jsonata;
    Json map = Json::object();
    map["Type"] = "Map";
    if (jsonata)
        map["Items"] = "{% $states.input.items %}";
    else
        map["ItemsPath"] = "$.items";
    map["MaxConcurrency"] = 10;
    Json processor = Json::object();
    processor["ProcessorConfig"] = {{"Mode", "INLINE"}};
    processor["StartAt"] = "Process Item";
    processor["States"] = Json::object();
    processor["States"]["Process Item"] = lambdaInvokeState(language);
    map["ItemProcessor"] = std::move(processor);
    map["End"] = true;
    return singleState("Fan Out", std::move(map));
}

// The target of a Catch that keeps the default ResultPath, so the input is the error output
// ({"Error", "Cause"}): SNS tells someone, the input passes through, and Fail re-raises it.
CatalogFragment catchNotifyFail(QueryLanguage language) {
    if (language == QueryLanguage::Jsonata)
        return fragment(
            {{"Notify Failure",
              R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                 "Arguments": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:my-alerts",
                   "Subject": "Step Functions execution failed",
                   "Message": "{% 'Execution ' & $states.context.Execution.Name & )"
              R"(' failed with ' & $states.input.Error & ': ' & $states.input.Cause %}"},
                 "Output": "{% $states.input %}", "Next": "Execution Failed"})"},
             {"Execution Failed", R"({"Type": "Fail", "Error": "{% $states.input.Error %}",
                 "Cause": "{% $states.input.Cause %}"})"}},
            {});
    return fragment(
        {{"Notify Failure", R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
             "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:my-alerts",
               "Subject": "Step Functions execution failed",
               "Message.$": "States.Format('Execution {} failed with {}: {}', )"
                            R"~($$.Execution.Name, $.Error, $.Cause)"},
             "ResultPath": null, "Next": "Execution Failed"})~"},
         {"Execution Failed",
          R"({"Type": "Fail", "ErrorPath": "$.Error", "CausePath": "$.Cause"})"}},
        {});
}

} // namespace

std::vector<CatalogEntry> patternEntries() {
    return {
        {"pattern-poll-until-done",
         CatalogGroup::Patterns,
         "Poll Until Done",
         "AWS Glue",
         {"poll", "loop", "status", "wait", "job", "async", "glue"},
         "Starts a job, then waits and checks its status until it succeeds or fails.",
         pollUntilDone},
        {"pattern-fan-out-map",
         CatalogGroup::Patterns,
         "Fan-out Map",
         "AWS Lambda",
         {"fan-out", "map", "parallel", "items", "foreach", "lambda"},
         "Invokes a Lambda function for each item of $.items, 10 at a time.",
         fanOutMap},
        {"pattern-catch-notify-fail",
         CatalogGroup::Patterns,
         "Catch, Notify, Fail",
         "Amazon SNS",
         {"catch", "error", "alert", "notify", "failure", "sns"},
         "Target for a Catch: publishes the error to SNS, then fails with it.",
         catchNotifyFail},
    };
}

} // namespace flowcast::model::catalog
