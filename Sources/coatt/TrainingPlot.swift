import Foundation

/// The curves of a `coatt ner train` run as an SVG image (`training-curves.svg`): training loss per
/// epoch above, validation F1 per epoch below, on a shared epoch axis, with tick values, a legend
/// and the best epoch (by validation F1, the one kept) marked across both panels. Hand-written SVG:
/// any browser shows it, and no plotting library is needed.
struct TrainingPlot {
    let title: String
    let epochs: [Int]
    let loss: [Double]
    let validF1: [Double]
    /// The epoch kept, marked on the plot; nil before there is one.
    let bestEpoch: Int?

    // Layout in SVG user units: two panels of the same width stacked under a title and legend.
    private static let (width, height) = (760.0, 560.0)
    private static let (left, right, top, bottom) = (80.0, 730.0, 70.0, 510.0)
    private static let panelGap = 44.0
    private static let lossColor = "#1f77b4", f1Color = "#d95f02", bestColor = "#1b9e77"

    var svg: String {
        let panelHeight = (Self.bottom - Self.top - Self.panelGap) / 2
        let lossPanel = (top: Self.top, bottom: Self.top + panelHeight)
        let f1Panel = (top: Self.bottom - panelHeight, bottom: Self.bottom)
        let x = EpochAxis(last: epochs.max() ?? 1)
        let lossAxis = PlotAxis(values: loss)
        let f1Axis = PlotAxis(values: validF1, within: 0...100)
        // Points keep a margin from the frame, so the first and last epochs stay visible.
        let inset = 14.0
        func px(_ epoch: Int) -> Double { Self.left + inset + (Self.right - Self.left - 2 * inset) * x.fraction(epoch) }
        func y(_ value: Double, _ panel: (top: Double, bottom: Double), _ axis: PlotAxis) -> Double {
            panel.bottom - (panel.bottom - panel.top) * axis.fraction(value)
        }

        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(Self.width))" height="\#(Int(Self.height))" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
            text(title, x: Self.left, y: 26, size: 15, weight: "bold"),
        ]
        parts += legend(best: bestEpoch.flatMap { epochs.firstIndex(of: $0) }.map { (epochs[$0], validF1[$0]) })
        for (panel, axis, values, color, label) in [(lossPanel, lossAxis, loss, Self.lossColor, "training loss"),
                                                    (f1Panel, f1Axis, validF1, Self.f1Color, "validation F1 (%)")] {
            func py(_ value: Double) -> Double { y(value, panel, axis) }
            parts += axis.ticks.map { tick in
                line(Self.left, py(tick), Self.right, py(tick), stroke: "#e4e4e4")
                    + text(axis.label(tick), x: Self.left - 8, y: py(tick) + 4, anchor: "end")
            }
            parts += x.ticks.map { epoch in
                line(px(epoch), panel.bottom, px(epoch), panel.bottom + 5, stroke: "#333")
                    + text(String(epoch), x: px(epoch), y: panel.bottom + 18, anchor: "middle")
            }
            parts.append(##"<rect x="\##(fmt(Self.left))" y="\##(fmt(panel.top))" width="\##(fmt(Self.right - Self.left))" height="\##(fmt(panel.bottom - panel.top))" fill="none" stroke="#333"/>"##)
            let middle = (panel.top + panel.bottom) / 2
            parts.append(#"<text x="24" y="\#(fmt(middle))" text-anchor="middle" transform="rotate(-90 24 \#(fmt(middle)))">\#(label)</text>"#)
            let points = zip(epochs, values).filter { $0.1.isFinite }.map { (px($0.0), py($0.1)) }
            parts.append(#"<polyline fill="none" stroke="\#(color)" stroke-width="2" points="\#(points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))"/>"#)
            parts += points.map { #"<circle cx="\#(fmt($0.0))" cy="\#(fmt($0.1))" r="3" fill="\#(color)"/>"# }
        }
        parts.append(text("epoch", x: (Self.left + Self.right) / 2, y: Self.bottom + 40, anchor: "middle"))
        if let best = bestEpoch, let index = epochs.firstIndex(of: best), validF1[index].isFinite {
            let bx = px(best)
            let by = y(validF1[index], f1Panel, f1Axis)
            parts.append(line(bx, lossPanel.top, bx, f1Panel.bottom, stroke: Self.bestColor, dash: true))
            parts.append(#"<circle cx="\#(fmt(bx))" cy="\#(fmt(by))" r="7" fill="none" stroke="\#(Self.bestColor)" stroke-width="2"/>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    private func legend(best: (epoch: Int, f1: Double)?) -> [String] {
        let bestLabel = best.map { String(format: "best epoch (kept): %d, F1 %.2f", $0.epoch, $0.f1) } ?? "best epoch (kept)"
        let entries = [(Self.lossColor, false, "training loss (mean per batch)"),
                       (Self.f1Color, false, "validation F1"),
                       (Self.bestColor, true, bestLabel)]
        var x = Self.left, parts: [String] = []
        for (color, dashed, label) in entries {
            parts.append(line(x, 50, x + 26, 50, stroke: color, width: 2, dash: dashed) + text(label, x: x + 32, y: 54))
            // DejaVu Sans at 12 px averages about 7 px per character.
            x += 32 + Double(label.count) * 7 + 24
        }
        return parts
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                      dash: Bool = false) -> String {
        #"<line x1="\#(fmt(x1))" y1="\#(fmt(y1))" x2="\#(fmt(x2))" y2="\#(fmt(y2))" stroke="\#(stroke)" stroke-width="\#(width)"\#(dash ? #" stroke-dasharray="6 4""# : "")/>"#
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Int = 12,
                      weight: String = "normal", color: String = "#222") -> String {
        #"<text x="\#(fmt(x))" y="\#(fmt(y))" text-anchor="\#(anchor)" font-size="\#(size)" font-weight="\#(weight)" fill="\#(color)">\#(escaped(content))</text>"#
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escaped(_ content: String) -> String {
        content.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A value axis: a range widened to round tick values, 1, 2, 2.5 or 5 × 10^k apart.
struct PlotAxis {
    let low: Double, high: Double, step: Double
    /// Decimals the tick labels need (one more than 10^k for a step of 2.5 × 10^k).
    let decimals: Int
    var ticks: [Double] { stride(from: low, through: high + step / 2, by: step).map { $0 } }

    /// An axis covering the finite `values` with about `tickCount` steps, clamped to `bounds` when given.
    init(values: [Double], within bounds: ClosedRange<Double>? = nil, tickCount: Int = 5) {
        let finite = values.filter(\.isFinite)
        var (minimum, maximum) = (finite.min() ?? 0, finite.max() ?? 1)
        // A flat series still needs a range to be drawn in.
        if maximum - minimum < 1e-9 {
            let half = max(0.5, abs(maximum) * 0.05)
            (minimum, maximum) = (minimum - half, maximum + half)
        }
        let raw = (maximum - minimum) / Double(tickCount)
        let exponent = Int(log10(raw).rounded(.down))
        let magnitude = pow(10, Double(exponent))
        let multiple = [1, 2, 2.5, 5].first { $0 * magnitude >= raw } ?? 10
        step = multiple * magnitude
        decimals = max(0, -exponent + (multiple == 2.5 ? 1 : 0) - (multiple == 10 ? 1 : 0))
        var (low, high) = ((minimum / step).rounded(.down) * step, (maximum / step).rounded(.up) * step)
        if let bounds { (low, high) = (max(low, bounds.lowerBound), min(high, bounds.upperBound)) }
        (self.low, self.high) = (low, high)
    }

    /// Where `value` sits, 0 at `low` and 1 at `high`.
    func fraction(_ value: Double) -> Double { (value - low) / (high - low) }

    func label(_ value: Double) -> String { String(format: "%.\(decimals)f", value) }
}

/// The epoch axis: whole epochs from 1 to the last, at most about ten labelled.
struct EpochAxis {
    let last: Int

    /// Where `epoch` sits; a run of one epoch is drawn in the middle.
    func fraction(_ epoch: Int) -> Double { last <= 1 ? 0.5 : Double(epoch - 1) / Double(last - 1) }

    /// Epoch 1, then the multiples of the smallest step of 1, 2 or 5 × 10^k that labels at most about ten.
    var ticks: [Int] {
        var magnitude = 1
        while true {
            if let step = [1, 2, 5].map({ $0 * magnitude }).first(where: { last / $0 <= 10 }) {
                return [1] + stride(from: step, through: last, by: step).filter { $0 > 1 }
            }
            magnitude *= 10
        }
    }
}
