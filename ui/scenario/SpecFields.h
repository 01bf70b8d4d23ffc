#pragma once
// SpecFields: a form over one JSON object of the scenario, built from a table of FieldSpec rows
// (what the simulator's readers take: key, unit, range, default). It shows an object and gives
// it back with the fields written in place: keys it does not know stay as they are, a field
// left absent stays absent while it shows its default, and a number the user did not change
// keeps its original JSON, so showing and writing back is lossless. Keys may be nested
// ("autoscaling/min"). Each finished edit emits edited() with the key.
#include "model/asl/Json.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QFormLayout;
class QStackedWidget;

namespace flowcast::ui {

struct FieldSpec {
    enum class Type { Number, Choice, Text, Boolean, Distribution };
    QString key; ///< "memoryMb", "autoscaling/min"
    QString label;
    Type type = Type::Number;
    double min = 0;
    double max = 1e9;
    double fallback = 0; ///< the reader's default, shown while absent
    int decimals = 0;    ///< 0: a whole number
    QString unit;
    QString noneText;        ///< non-empty: the field may be absent, shown as this below min
    QString nullText;        ///< non-empty: the field may be null, shown as this below min
    QStringList choices;     ///< Choice: the values; Text: ignored
    QString fallbackText;    ///< Choice / Text default
    model::Json defaultSpec; ///< Distribution: what the simulator draws when absent
    QString tip;
    QString onlyIfKey;   ///< shown (and written) only while this Choice field ...
    QString onlyIfValue; ///< ... shows this value; hidden fields are removed

    FieldSpec withTip(const QString& text) const;
    FieldSpec absentAs(const QString& text) const;
    FieldSpec nullAs(const QString& text) const;
    FieldSpec when(const QString& choiceKey, const QString& value) const;
};

FieldSpec numberField(const QString& key, const QString& label, double min, double max,
                      double fallback, const QString& unit, int decimals = 0);
FieldSpec choiceField(const QString& key, const QString& label, const QStringList& choices,
                      const QString& fallback);
FieldSpec textField(const QString& key, const QString& label, const QString& fallback = {},
                    const QString& placeholder = {});
FieldSpec booleanField(const QString& key, const QString& label);
/// `defaultText` names what the simulator does when the field is absent.
FieldSpec distributionField(const QString& key, const QString& label,
                            const model::Json& defaultSpec, const QString& defaultText,
                            const QString& unit = QStringLiteral("s"));

/// The string at `key` of `object`; empty when `object` is not an object or the value is no
/// string (a broken scenario is shown, never thrown at).
QString textIn(const model::Json& object, const char* key);

/// Shows page `index` of `pages`, sized to that page alone (a stack is as tall as its tallest
/// page otherwise).
void showPage(QStackedWidget* pages, int index);

class SpecFields : public QWidget {
    Q_OBJECT
public:
    explicit SpecFields(std::vector<FieldSpec> fields, QWidget* parent = nullptr);
    ~SpecFields() override;

    void setBaseDir(const QString& dir);
    /// Shows `object` (null: an empty object) without emitting edited().
    void setValue(const model::Json& object);
    /// The object shown, each field written in place.
    model::Json value() const { return valueOver(m_original); }
    /// `base` with this form's fields written in place (forms sharing one object).
    model::Json valueOver(model::Json base) const;
    /// The editor of field `key` (a NumberField, QComboBox, QLineEdit, QCheckBox or
    /// DistributionEditor), or nullptr.
    QWidget* editor(const QString& key) const;
    /// The fields' keys, in table order.
    QStringList keys() const;
    /// Marks field `key` as inherited (grey, from another object: a deployment's scenario) or
    /// set here (bold).
    void setInherited(const QString& key, bool inherited);

signals:
    void edited(const QString& key);

private:
    struct Row;
    void addRow(const FieldSpec& spec);
    void showRow(Row& row, const model::Json* value);
    void writeRow(const Row& row, model::Json& out) const;
    void updateVisibility();
    void onEdited(const QString& key);
    bool isVisible(const Row& row) const;

    std::vector<Row> m_rows;
    QFormLayout* m_form = nullptr;
    model::Json m_original = model::Json::object();
};

} // namespace flowcast::ui
