// The Compare mode's report export: HTML (the CLI's report), PDF (that HTML laid out by Qt),
// CSV and JSON, each written atomically.
#include "simulator/cost/HtmlReport.h"
#include "ui/simulate/CompareView.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace flowcast::ui {

namespace {

bool writeText(const QString& path, const std::string& text) {
    QSaveFile file(path); // atomic: a temporary file, renamed on commit
    if (!file.open(QIODevice::WriteOnly)) return false;
    file.write(text.data(), static_cast<qint64>(text.size()));
    return file.commit();
}

} // namespace

void CompareView::chooseExport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the comparison"), QStringLiteral("compare.html"),
        tr("HTML report (*.html);;PDF (*.pdf);;CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty() && exportReport(path)) setStatus(tr("Exported to %1").arg(path));
}

bool CompareView::exportReport(const QString& path) {
    const cost::Comparison* c = comparison();
    if (c == nullptr) {
        setStatus(tr("Nothing to export: run the comparison first."), true);
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool written = false;
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        // In UTC, as the CLI dates it: the same report wherever it is made.
        const std::string today =
            QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
        written = writeText(
            path,
            cost::htmlReport(*c, {QCoreApplication::applicationVersion().toStdString(), today}));
    } else if (suffix == QLatin1String("csv")) {
        written = writeText(path, c->toCsv());
    } else if (suffix == QLatin1String("json")) {
        written = writeText(path, c->toJson().dump(2) + "\n");
    } else if (suffix == QLatin1String("pdf")) {
        written = exportPdf(path, *c);
    } else {
        setStatus(tr("%1: export as .html, .pdf, .csv or .json").arg(path), true);
        return false;
    }
    if (!written) setStatus(tr("%1: cannot write the file").arg(path), true);
    return written;
}

// The PDF: the recommendation, the table and the simulation vs theory section (the HTML
// report's words) as text, then each chart as the window draws it.
bool CompareView::exportPdf(const QString& path, const cost::Comparison& comparison) {
    QSaveFile file(path); // atomic: an old report stays whole until the new one is complete
    if (!file.open(QIODevice::WriteOnly)) return false;
    QPdfWriter pdf(&file);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setResolution(120);
    pdf.setTitle(QStringLiteral("Flowcast comparison: ") +
                 QString::fromStdString(comparison.scenario));
    QString html = QStringLiteral("<h2>%1</h2><p><b>%2</b></p><table border='1' cellspacing='0' "
                                  "cellpadding='4'><tr><th></th>")
                       .arg(QString::fromStdString(comparison.scenario).toHtmlEscaped(),
                            QString::fromStdString(comparison.recommendation).toHtmlEscaped());
    for (const auto& d : comparison.deployments)
        html += QStringLiteral("<th>%1</th>").arg(QString::fromStdString(d.name).toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const cost::ComparisonRow& row : comparison.tableRows()) {
        html += QStringLiteral("<tr><td class='text'>%1</td>")
                    .arg(QString::fromStdString(row.label).trimmed().toHtmlEscaped());
        for (const std::string& cell : row.cells)
            html += QStringLiteral("<td align='right'>%1</td>")
                        .arg(QString::fromStdString(cell).toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><p>Price book: %1, as of %2. Seed %3.</p>")
                .arg(QString::fromStdString(comparison.priceBookRegion),
                     QString::fromStdString(comparison.priceBookAsOf))
                .arg(comparison.seed);
    html += QString::fromStdString(cost::theorySectionHtml(comparison));
    QPainter painter;
    if (!painter.begin(&pdf)) return false;
    QTextDocument document;
    document.setDefaultStyleSheet(QString::fromLatin1(kTheoryCss));
    document.setHtml(html);
    // Laid out in pages, so that a long theory section continues on the next one instead of
    // running off the first.
    const QSizeF page(pdf.width(), pdf.height());
    document.setPageSize(page);
    for (int p = 0; p < document.pageCount(); ++p) {
        if (p > 0) pdf.newPage();
        painter.save();
        painter.translate(0, -p * page.height());
        document.drawContents(&painter, QRectF(QPointF(0, p * page.height()), page));
        painter.restore();
    }
    for (int i = 0; i < m_charts->count(); ++i) {
        QWidget* chart = m_charts->widget(i);
        if (chart == nullptr) continue;
        pdf.newPage();
        const QPixmap picture = chart->grab();
        const QSize fitted = picture.size().scaled(pdf.width(), pdf.height(), Qt::KeepAspectRatio);
        painter.drawPixmap(QRect(QPoint(0, 0), fitted), picture);
    }
    return painter.end() && file.commit();
}

} // namespace flowcast::ui
