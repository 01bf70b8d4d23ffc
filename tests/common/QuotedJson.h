#pragma once
// Test helper: JSON written with ' for " so table rows stay readable; \' stands for a real '.
#include "model/asl/Json.h"

#include <QChar>
#include <QString>

inline flowcast::model::Json quotedJson(const QString& singleQuoted) {
    QString text = singleQuoted;
    text.replace("\\'", QString(QChar(1))).replace('\'', '"').replace(QChar(1), '\'');
    return flowcast::model::Json::parse(text.toStdString());
}
