#include "ui/common/StatePresentation.h"

#include <QPainter>
#include <QPixmap>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace flowcast::ui {
namespace {

using model::StateType;

// Service ids as they appear in Step Functions integration ARNs, and the names AWS's console uses.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kServiceNames{{
    {"lambda", "Lambda"},
    {"glue", "Glue"},
    {"dynamodb", "DynamoDB"},
    {"sns", "SNS"},
    {"sqs", "SQS"},
    {"athena", "Athena"},
    {"sagemaker", "SageMaker"},
    {"elasticmapreduce", "EMR"},
    {"emr-containers", "EMR on EKS"},
    {"emr-serverless", "EMR Serverless"},
    {"ecs", "ECS"},
    {"batch", "Batch"},
    {"states", "Step Functions"},
    {"events", "EventBridge"},
    {"http", "HTTP"},
    {"bedrock", "Bedrock"},
    {"eks", "EKS"},
    {"codebuild", "CodeBuild"},
    {"apigateway", "API Gateway"},
    {"databrew", "DataBrew"},
    {"s3", "S3"},
    {"redshiftdata", "Redshift Data"},
    {"kinesis", "Kinesis"},
    {"firehose", "Firehose"},
}};

constexpr std::array<std::pair<StateType, QRgb>, 9> kTypeColours{{
    {StateType::Task, 0x3b82f6},
    {StateType::Pass, 0x9ca3af},
    {StateType::Choice, 0xf59e0b},
    {StateType::Wait, 0x8b5cf6},
    {StateType::Succeed, 0x22c55e},
    {StateType::Fail, 0xef4444},
    {StateType::Parallel, 0x06b6d4},
    {StateType::Map, 0x14b8a6},
    {StateType::Unknown, 0x6b7280},
}};

QString serviceName(std::string_view id) {
    for (const auto& [key, name] : kServiceNames)
        if (key == id) return QString::fromUtf8(name.data(), qsizetype(name.size()));
    return QString::fromUtf8(id.data(), qsizetype(id.size()));
}

std::vector<std::string_view> splitArn(std::string_view arn) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t at = arn.find(':'); at != std::string_view::npos; at = arn.find(':', start)) {
        parts.push_back(arn.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(arn.substr(start));
    return parts;
}

QString joined(const std::vector<std::string_view>& parts, std::size_t from) {
    QString out;
    for (std::size_t i = from; i < parts.size(); ++i) {
        if (i > from) out += QLatin1Char(':');
        out += QString::fromUtf8(parts[i].data(), qsizetype(parts[i].size()));
    }
    return out;
}

} // namespace

QString resourceLabel(std::string_view resource) {
    // arn:<partition>:<service>:<region>:<account>:<resource...>
    const auto parts = splitArn(resource);
    if (parts.size() < 6 || parts[0] != "arn") return QStringLiteral("Task");
    if (parts[2] == "lambda" && parts[5] == "function") return QStringLiteral("Lambda function");
    if (parts[2] != "states") return QStringLiteral("Task");
    if (parts[5] == "activity") return QStringLiteral("Task (activity)");
    // Service integrations have neither region nor account: arn:aws:states:::glue:startJobRun.sync
    if (!parts[3].empty() || !parts[4].empty() || parts.size() < 7) return QStringLiteral("Task");
    if (parts[5] == "aws-sdk" && parts.size() >= 8)
        return serviceName(parts[6]) + QStringLiteral(" SDK: ") + joined(parts, 7);
    return serviceName(parts[5]) + QStringLiteral(": ") + joined(parts, 6);
}

QString typeLabel(const model::State& state) {
    switch (state.type) {
    case StateType::Task:
        return resourceLabel(state.resource);
    case StateType::Map:
        return state.isDistributedMap ? QStringLiteral("Map (DISTRIBUTED)")
                                      : QStringLiteral("Map (INLINE)");
    case StateType::Unknown:
        if (state.raw && state.raw->is_object()) {
            const auto type = state.raw->find("Type");
            if (type != state.raw->end() && type->is_string())
                return QString::fromStdString(type->get<std::string>());
        }
        return QStringLiteral("(no Type)");
    default: {
        const auto name = model::stateTypeName(state.type);
        return QString::fromUtf8(name.data(), qsizetype(name.size()));
    }
    }
}

QString transitionLabel(const model::Transition& transition) {
    const QString arrow = QStringLiteral("\u2192 ") + QString::fromStdString(transition.target);
    switch (transition.kind) {
    case model::TransitionKind::Next:
        return arrow;
    case model::TransitionKind::Catch:
        return QStringLiteral("Catch [%1] ").arg(QString::fromStdString(transition.label)) + arrow;
    case model::TransitionKind::ChoiceRule:
    case model::TransitionKind::Default:
        break;
    }
    return QString::fromStdString(transition.label) + QLatin1Char(' ') + arrow;
}

QStringList transitionLabels(const model::State& state) {
    QStringList out;
    for (const auto& t : state.transitions)
        out << transitionLabel(t);
    if (state.end) out << QStringLiteral("End");
    // Succeed and Fail end the execution without an End field; say so rather than show nothing.
    if (state.type == StateType::Succeed) out << QStringLiteral("ends: succeeds");
    if (state.type == StateType::Fail) out << QStringLiteral("ends: fails");
    return out;
}

QColor typeColour(StateType type) {
    for (const auto& [t, rgb] : kTypeColours)
        if (t == type) return QColor(rgb);
    return QColor(0x6b7280);
}

QIcon typeIcon(StateType type) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor colour = typeColour(type);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(2.5, 2.5, 11, 11), 3, 3);
    return QIcon(pixmap);
}

} // namespace flowcast::ui
