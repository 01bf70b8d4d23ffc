#include "ui/scenario/SpecFields.h"

#include "ui/scenario/DistributionEditor.h"
#include "ui/scenario/NumberField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace flowcast::ui {

using model::Json;

namespace {

const Json* findField(const Json& root, const QString& key) {
    const Json* at = &root;
    for (const QString& part : key.split(QLatin1Char('/'))) {
        const std::string name = part.toStdString();
        if (!at->is_object() || !at->contains(name)) return nullptr;
        at = &at->at(name);
    }
    return at;
}

void put(Json& root, const QString& key, Json value) {
    Json* at = &root;
    for (const QString& part : key.split(QLatin1Char('/'))) {
        if (!at->is_object()) *at = Json::object();
        at = &(*at)[part.toStdString()];
    }
    *at = std::move(value);
}

// Removes the field, and the objects above it that it leaves empty.
void erase(Json& root, const QString& key) {
    const QStringList parts = key.split(QLatin1Char('/'));
    for (qsizetype depth = parts.size(); depth > 0; --depth) {
        Json* parent = &root;
        for (qsizetype i = 0; i + 1 < depth && parent; ++i)
            parent = parent->is_object() && parent->contains(parts[i].toStdString())
                         ? &parent->at(parts[i].toStdString())
                         : nullptr;
        if (!parent || !parent->is_object()) return;
        const std::string leaf = parts[depth - 1].toStdString();
        if (depth < parts.size() && parent->contains(leaf) && !parent->at(leaf).empty()) return;
        parent->erase(leaf);
    }
}

} // namespace

FieldSpec FieldSpec::withTip(const QString& text) const {
    FieldSpec s = *this;
    s.tip = text;
    return s;
}

FieldSpec FieldSpec::absentAs(const QString& text) const {
    FieldSpec s = *this;
    s.noneText = text;
    return s;
}

FieldSpec FieldSpec::nullAs(const QString& text) const {
    FieldSpec s = *this;
    s.nullText = text;
    return s;
}

FieldSpec FieldSpec::when(const QString& choiceKey, const QString& value) const {
    FieldSpec s = *this;
    s.onlyIfKey = choiceKey;
    s.onlyIfValue = value;
    return s;
}

FieldSpec numberField(const QString& key, const QString& label, double min, double max,
                      double fallback, const QString& unit, int decimals) {
    FieldSpec s;
    s.key = key;
    s.label = label;
    s.min = min;
    s.max = max;
    s.fallback = fallback;
    s.unit = unit;
    s.decimals = decimals;
    return s;
}

FieldSpec choiceField(const QString& key, const QString& label, const QStringList& choices,
                      const QString& fallback) {
    FieldSpec s;
    s.key = key;
    s.label = label;
    s.type = FieldSpec::Type::Choice;
    s.choices = choices;
    s.fallbackText = fallback;
    return s;
}

FieldSpec textField(const QString& key, const QString& label, const QString& fallback,
                    const QString& placeholder) {
    FieldSpec s;
    s.key = key;
    s.label = label;
    s.type = FieldSpec::Type::Text;
    s.fallbackText = fallback;
    s.unit = placeholder;
    return s;
}

FieldSpec booleanField(const QString& key, const QString& label) {
    FieldSpec s;
    s.key = key;
    s.label = label;
    s.type = FieldSpec::Type::Boolean;
    return s;
}

FieldSpec distributionField(const QString& key, const QString& label, const Json& defaultSpec,
                            const QString& defaultText, const QString& unit) {
    FieldSpec s;
    s.key = key;
    s.label = label;
    s.type = FieldSpec::Type::Distribution;
    s.defaultSpec = defaultSpec;
    s.fallbackText = defaultText;
    s.unit = unit;
    return s;
}

QString textIn(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return {};
    return QString::fromStdString(object.at(key).get<std::string>());
}

void showPage(QStackedWidget* pages, int index) {
    for (int i = 0; i < pages->count(); ++i)
        pages->widget(i)->setSizePolicy(i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                        i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    pages->setCurrentIndex(index);
    pages->adjustSize();
}

struct SpecFields::Row {
    FieldSpec spec;
    QWidget* field = nullptr; ///< what the form layout holds for the row
    NumberField* number = nullptr;
    QComboBox* combo = nullptr;
    QLineEdit* line = nullptr;
    QCheckBox* check = nullptr;
    DistributionEditor* distribution = nullptr;
};

SpecFields::SpecFields(std::vector<FieldSpec> fields, QWidget* parent) : QWidget(parent) {
    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rows.reserve(fields.size());
    for (const FieldSpec& spec : fields)
        addRow(spec);
    setValue(Json::object());
}

SpecFields::~SpecFields() = default;

void SpecFields::addRow(const FieldSpec& spec) {
    Row row;
    row.spec = spec;
    const QString key = spec.key;
    switch (spec.type) {
    case FieldSpec::Type::Number: {
        const bool special = !spec.noneText.isEmpty() || !spec.nullText.isEmpty();
        row.number = new NumberField(special ? spec.min - 1 : spec.min, spec.max, spec.decimals,
                                     spec.unit, this);
        row.number->setSpecialValueText(spec.noneText.isEmpty() ? spec.nullText : spec.noneText);
        connect(row.number, &QDoubleSpinBox::valueChanged, this, [this, key] { onEdited(key); });
        row.field = row.number;
        break;
    }
    case FieldSpec::Type::Choice:
        row.combo = new QComboBox(this);
        row.combo->addItems(spec.choices);
        connect(row.combo, &QComboBox::activated, this, [this, key] { onEdited(key); });
        row.field = row.combo;
        break;
    case FieldSpec::Type::Text:
        row.line = new QLineEdit(this);
        row.line->setMaximumWidth(520);
        row.line->setPlaceholderText(spec.unit.isEmpty() ? spec.fallbackText : spec.unit);
        connect(row.line, &QLineEdit::editingFinished, this, [this, key, line = row.line] {
            if (!line->isModified()) return;
            line->setModified(false);
            onEdited(key);
        });
        row.field = row.line;
        break;
    case FieldSpec::Type::Boolean:
        row.check = new QCheckBox(this);
        connect(row.check, &QCheckBox::clicked, this, [this, key] { onEdited(key); });
        row.field = row.check;
        break;
    case FieldSpec::Type::Distribution: {
        DistributionEditor::Options options;
        options.unit = spec.unit;
        options.defaultText = spec.fallbackText;
        options.defaultSpec = spec.defaultSpec;
        options.max = spec.unit == QLatin1String("s") ? 1e7 : 1e15;
        auto* group = new QGroupBox(spec.label, this);
        row.distribution = new DistributionEditor(options, group);
        auto* inner = new QVBoxLayout(group);
        inner->addWidget(row.distribution);
        connect(row.distribution, &DistributionEditor::edited, this,
                [this, key] { onEdited(key); });
        row.field = group;
        break;
    }
    }
    row.field->setObjectName(spec.key);
    row.field->setToolTip(spec.tip);
    if (row.distribution)
        m_form->addRow(row.field);
    else
        m_form->addRow(spec.label, row.field);
    if (auto* label = qobject_cast<QLabel*>(m_form->labelForField(row.field)))
        label->setToolTip(spec.tip);
    m_rows.push_back(row);
}

void SpecFields::setBaseDir(const QString& dir) {
    for (Row& row : m_rows)
        if (row.distribution) row.distribution->setBaseDir(dir);
}

void SpecFields::setValue(const Json& object) {
    m_original = object.is_object() ? object : Json::object();
    for (Row& row : m_rows)
        showRow(row, findField(m_original, row.spec.key));
    updateVisibility();
}

void SpecFields::showRow(Row& row, const Json* value) {
    const FieldSpec& s = row.spec;
    if (row.number) {
        const double below = row.number->minimum();
        const bool absentSpecial = !value && !s.noneText.isEmpty();
        const bool nullSpecial = value && value->is_null() && !s.nullText.isEmpty();
        row.number->setQuietly(absentSpecial || nullSpecial  ? below
                               : value && value->is_number() ? value->get<double>()
                                                             : s.fallback);
    } else if (row.combo) {
        const QString text =
            value && value->is_string() ? QString::fromStdString(*value) : s.fallbackText;
        if (row.combo->findText(text) < 0) row.combo->addItem(text); // shown, the check says why
        const QSignalBlocker blocker(row.combo);
        row.combo->setCurrentText(text);
    } else if (row.line) {
        row.line->setText(!value               ? QString()
                          : value->is_string() ? QString::fromStdString(*value)
                                               : QString::fromStdString(value->dump()));
        row.line->setModified(false);
    } else if (row.check) {
        const QSignalBlocker blocker(row.check);
        row.check->setChecked(value && value->is_boolean() && value->get<bool>());
    } else if (row.distribution) {
        row.distribution->setValue(value);
    }
}

bool SpecFields::isVisible(const Row& row) const {
    if (row.spec.onlyIfKey.isEmpty()) return true;
    for (const Row& other : m_rows)
        if (other.spec.key == row.spec.onlyIfKey && other.combo)
            return other.combo->currentText() == row.spec.onlyIfValue;
    return true;
}

void SpecFields::updateVisibility() {
    for (const Row& row : m_rows)
        m_form->setRowVisible(row.field, isVisible(row));
}

void SpecFields::writeRow(const Row& row, Json& out) const {
    const FieldSpec& s = row.spec;
    const Json* original = findField(m_original, s.key);
    if (row.number) {
        const double v = row.number->value();
        const bool special =
            v == row.number->minimum() && (!s.noneText.isEmpty() || !s.nullText.isEmpty());
        if (special && !s.noneText.isEmpty()) return erase(out, s.key);
        if (special) return put(out, s.key, nullptr);
        if (!original && v == s.fallback) return;
        return put(out, s.key, numberJson(v, original, s.decimals));
    }
    if (row.combo) {
        const QString text = row.combo->currentText();
        if (!original && text == s.fallbackText) return;
        return put(out, s.key, text.toStdString());
    }
    if (row.line) {
        const QString text = row.line->text();
        if (original && !original->is_string() && QString::fromStdString(original->dump()) == text)
            return; // a number written as one (a horizon of 86400), unchanged
        if (text.isEmpty()) {
            if (original && !(original->is_string() && original->empty())) erase(out, s.key);
            return;
        }
        return put(out, s.key, text.toStdString());
    }
    if (row.check) {
        if (!original && !row.check->isChecked()) return;
        return put(out, s.key, row.check->isChecked());
    }
    if (const std::optional<Json> spec = row.distribution->value()) return put(out, s.key, *spec);
    erase(out, s.key);
}

Json SpecFields::valueOver(Json base) const {
    Json out = base.is_object() ? std::move(base) : Json::object();
    for (const Row& row : m_rows) {
        if (isVisible(row))
            writeRow(row, out);
        else // a field of another mode: the reader would refuse it
            out.erase(row.spec.key.section(QLatin1Char('/'), 0, 0).toStdString());
    }
    return out;
}

QWidget* SpecFields::editor(const QString& key) const {
    for (const Row& row : m_rows)
        if (row.spec.key == key) return row.distribution ? row.distribution : row.field;
    return nullptr;
}

QStringList SpecFields::keys() const {
    QStringList out;
    for (const Row& row : m_rows)
        out << row.spec.key;
    return out;
}

void SpecFields::setInherited(const QString& key, bool inherited) {
    for (const Row& row : m_rows) {
        if (row.spec.key != key) continue;
        const QString tip = inherited ? tr("Inherited from the scenario") : tr("Set here");
        if (auto* group = qobject_cast<QGroupBox*>(row.field)) // a distribution: titled
            group->setTitle(inherited ? tr("%1  (inherited)").arg(row.spec.label)
                                      : tr("%1  (set here)").arg(row.spec.label));
        if (QWidget* label = m_form->labelForField(row.field)) {
            label->setStyleSheet(inherited ? QStringLiteral("color: palette(mid)")
                                           : QStringLiteral("font-weight: bold"));
            label->setToolTip(row.spec.tip.isEmpty() ? tip
                                                     : tip + QStringLiteral(": ") + row.spec.tip);
        }
        if (row.distribution) continue;
        QPalette palette = inherited ? row.field->palette() : QPalette();
        if (inherited) palette.setColor(QPalette::Text, palette.color(QPalette::PlaceholderText));
        row.field->setPalette(palette);
    }
}

void SpecFields::onEdited(const QString& key) {
    updateVisibility();
    m_original = value();
    emit edited(key);
}

} // namespace flowcast::ui
