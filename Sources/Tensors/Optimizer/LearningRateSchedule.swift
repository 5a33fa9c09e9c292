/// A factor on every base learning rate as training proceeds.
public enum LearningRateSchedule: Sendable, Equatable {
    /// Always 1.
    case constant
    /// transformers' `get_linear_schedule_with_warmup`: from 0 up to 1 over `warmupSteps`
    /// updates, then linearly down to 0 at `totalSteps`, and 0 after.
    case linearWarmupThenDecay(warmupSteps: Int, totalSteps: Int)

    /// The factor for the update that follows `completed` updates (0 for the first one), as
    /// `LambdaLR` applies it when `scheduler.step()` follows each `optimizer.step()`.
    /// So with warm-up the first update has learning rate 0, exactly as in transformers' Trainer.
    public func multiplier(afterSteps completed: Int) -> Double {
        switch self {
        case .constant:
            return 1
        case let .linearWarmupThenDecay(warmup, total):
            if completed < warmup { return Double(completed) / Double(max(1, warmup)) }
            return max(0, Double(total - completed) / Double(max(1, total - warmup)))
        }
    }
}
