#pragma once
// StateModelForm: the scenario's model of one state ("states" entry): the service it calls, how
// long it works, the bytes an Athena query scans, and the errors it fails with and how often.
// What the form does not edit (a fixed result, a job's status polling, an item reader) is kept
// as written. A state without an entry gives none back until something is set.
#include "model/asl/Json.h"

#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QTableWidget;

namespace flowcast::ui {

class SpecFields;

class StateModelForm : public QWidget {
    Q_OBJECT
public:
    explicit StateModelForm(QWidget* parent = nullptr);

    void setBaseDir(const QString& dir);
    /// The services to choose from: (name, kind).
    void setServices(const std::vector<std::pair<QString, QString>>& services);
    /// Shows the model of state `name` (nullptr: none yet) without emitting edited().
    void setValue(const QString& name, const QString& type, const model::Json* spec);
    /// The model as shown; nullopt when the state has none (and had none).
    std::optional<model::Json> value() const;
    QString stateName() const { return m_name; }

    QComboBox* serviceCombo() const { return m_service; }
    SpecFields* fields() const { return m_fields; }
    QTableWidget* failuresTable() const { return m_failures; }
    void addFailure(const QString& error, double probability);

signals:
    void edited(const QString& key);

private:
    void showFailures(const model::Json* failures);
    void writeFailures(model::Json& out) const;
    void onFailuresEdited();
    void updateNote();
    void updateBytesScanned();

    QString m_name;
    model::Json m_spec; ///< null when the state has no entry
    QLabel* m_title = nullptr;
    QComboBox* m_service = nullptr;
    SpecFields* m_fields = nullptr;
    QTableWidget* m_failures = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace flowcast::ui
