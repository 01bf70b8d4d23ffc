#pragma once
// The canvas as a picture: PNG (at a scale, on white) or SVG (vector, text kept as text), chosen
// by the file's extension. Only what is drawn is exported: the states, arrows and containers,
// with a margin, never the selection.
#include <QString>

namespace flowcast::ui {

class CanvasScene;

/// Writes the diagram to `path` (.png or .svg). Empty on success, else a message naming the file.
QString exportDiagram(CanvasScene& scene, const QString& path, double pngScale = 2.0);

} // namespace flowcast::ui
