package nn.core.train;

/**
 * The learning rate for an epoch (0-based), stepped per epoch as torch.optim.lr_scheduler does, in closed form:
 * constant lr; step lr·γ^⌊e/step_size⌋; exponential lr·γ^e; cosine η_min + (lr − η_min)(1 + cos(π·e/t_max))/2
 * (e capped at t_max). With warmup_epochs W > 0, epochs e < W use lr·(e + 1)/(W + 1) and the schedule then starts
 * at e − W.
 */
public final class Schedules {
    private Schedules() {}

    public static double rate(Config.Schedule s, double lr, long epoch) {
        long w = s.warmupEpochs();
        if (epoch < w) return lr * (epoch + 1) / (w + 1);
        long e = epoch - w;
        return switch (s.type()) {
            case "step" -> lr * Math.pow(s.gamma(), Math.floorDiv(e, s.stepSize()));
            case "exponential" -> lr * Math.pow(s.gamma(), e);
            case "cosine" -> s.etaMin() + (lr - s.etaMin()) * (1 + Math.cos(Math.PI * Math.min(e, s.tMax()) / s.tMax())) / 2;
            default -> lr;
        };
    }
}
