#pragma once
// ServiceForm: one entry of the scenario's "services": its kind and the fields that kind's
// model reads (Lambda memory and cold start, Glue workers and start-up, Athena concurrency and
// scan rate, an EMR cluster's nodes and mode...), one SpecFields table per kind. Shows a spec
// and gives it back written in place; switching the kind starts that kind from its defaults.
#include "model/asl/Json.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace flowcast::ui {

class SpecFields;

class ServiceForm : public QWidget {
    Q_OBJECT
public:
    explicit ServiceForm(QWidget* parent = nullptr);

    void setBaseDir(const QString& dir);
    /// Shows the service `spec` without emitting edited().
    void setValue(const model::Json& spec);
    model::Json value() const;

    QComboBox* kindCombo() const { return m_kind; }
    /// The fields of the kind shown.
    SpecFields* fields() const;

signals:
    /// A finished edit; `key` names the field ("memoryMb"), "kind" for a new kind.
    void edited(const QString& key);

private:
    void onKindChosen();

    QComboBox* m_kind = nullptr;
    QLabel* m_about = nullptr;
    QStackedWidget* m_pages = nullptr;
    std::map<QString, SpecFields*> m_fields; ///< by kind
    model::Json m_spec;
};

} // namespace flowcast::ui
