#!/usr/bin/env python3
"""Expected values for the optimizer tests, from torch.optim's single-tensor update written out element by element.

Plain Python floats (IEEE double), no torch. Each operation follows the scalar form of the ATen CPU kernel that
torch.optim calls, in the same order:
  a.add(b, alpha=s)        -> a + s*b
  a.addcmul_(b, c, value=s) -> a + s*b*c        (left to right: (s*b)*c)
  a.addcdiv_(b, c, value=s) -> a + s*b/c        (left to right: (s*b)/c)
  a.lerp_(b, w)            -> a + w*(b - a) if |w| < 0.5 else b - (b - a)*(1 - w)
Run: python3 reference.py   (prints the Java literals pasted into the *Test classes)

The problem: two parameters, theta0 = [1.0, -2.0] and theta1 = [0.25], with these gradients at steps 1, 2, 3
(set by hand, independent of theta), and the learning rate of step t given by LRS[t-1].
"""
import math

THETA = [[1.0, -2.0], [0.25]]
GRADS = [[[0.5, -0.25], [0.05]],
         [[0.1, 0.3], [-0.4]],
         [[-0.2, 0.05], [0.3]]]


def lerp(a, b, w):
    return a + w * (b - a) if abs(w) < 0.5 else b - (b - a) * (1 - w)


def sgd(lrs, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0):
    th = [list(p) for p in THETA]
    buf = [None for _ in th]
    out = []
    for t, lr in enumerate(lrs, 1):
        for k, p in enumerate(th):
            for i in range(len(p)):
                g = GRADS[t - 1][k][i]
                if weight_decay != 0:
                    g = g + weight_decay * p[i]
                if momentum != 0:
                    if buf[k] is None:
                        buf[k] = [0.0] * len(p)
                        buf[k][i] = g  # clone of the first gradient
                    elif t == 1:
                        buf[k][i] = g
                    else:
                        buf[k][i] = buf[k][i] * momentum + (1 - dampening) * g
                    g = g + momentum * buf[k][i] if nesterov else buf[k][i]
                p[i] = p[i] + (-lr) * g
        out.append([list(p) for p in th])
    return out


def adam(lrs, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False):
    th = [list(p) for p in THETA]
    m = [[0.0] * len(p) for p in th]
    v = [[0.0] * len(p) for p in th]
    vmax = [[0.0] * len(p) for p in th]
    out = []
    for t, lr in enumerate(lrs, 1):
        step = float(t)
        for k, p in enumerate(th):
            for i in range(len(p)):
                g = GRADS[t - 1][k][i]
                if weight_decay != 0:
                    if decoupled:
                        p[i] = p[i] * (1 - lr * weight_decay)
                    else:
                        g = g + weight_decay * p[i]
                m[k][i] = lerp(m[k][i], g, 1 - beta1)
                v[k][i] = v[k][i] * beta2 + (1 - beta2) * g * g
                bias_correction1 = 1 - beta1 ** step
                bias_correction2 = 1 - beta2 ** step
                step_size = lr / bias_correction1
                bias_correction2_sqrt = math.sqrt(bias_correction2)
                if amsgrad:
                    vmax[k][i] = max(vmax[k][i], v[k][i])
                    denom = math.sqrt(vmax[k][i]) / bias_correction2_sqrt + eps
                else:
                    denom = math.sqrt(v[k][i]) / bias_correction2_sqrt + eps
                p[i] = p[i] + (-step_size) * m[k][i] / denom
        out.append([list(p) for p in th])
    return out


def rmsprop(lrs, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
    th = [list(p) for p in THETA]
    sq = [[0.0] * len(p) for p in th]
    ga = [[0.0] * len(p) for p in th]
    buf = [[0.0] * len(p) for p in th]
    out = []
    for t, lr in enumerate(lrs, 1):
        for k, p in enumerate(th):
            for i in range(len(p)):
                g = GRADS[t - 1][k][i]
                if weight_decay != 0:
                    g = g + weight_decay * p[i]
                sq[k][i] = sq[k][i] * alpha + (1 - alpha) * g * g
                if centered:
                    ga[k][i] = lerp(ga[k][i], g, 1 - alpha)
                    avg = math.sqrt(sq[k][i] + (-1.0) * ga[k][i] * ga[k][i]) + eps
                else:
                    avg = math.sqrt(sq[k][i]) + eps
                if momentum > 0:
                    buf[k][i] = buf[k][i] * momentum + 1.0 * g / avg
                    p[i] = p[i] + (-lr) * buf[k][i]
                else:
                    p[i] = p[i] + (-lr) * g / avg
        out.append([list(p) for p in th])
    return out


def adagrad(lrs, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
    th = [list(p) for p in THETA]
    s = [[initial_accumulator_value] * len(p) for p in th]
    out = []
    for t, lr in enumerate(lrs, 1):
        step = float(t)
        for k, p in enumerate(th):
            for i in range(len(p)):
                g = GRADS[t - 1][k][i]
                if weight_decay != 0:
                    g = g + weight_decay * p[i]
                clr = lr / (1 + (step - 1) * lr_decay)
                s[k][i] = s[k][i] + 1.0 * g * g
                std = math.sqrt(s[k][i]) + eps
                p[i] = p[i] + (-clr) * g / std
        out.append([list(p) for p in th])
    return out


CASES = {
    # name: (function, learning rates of steps 1..3, keyword arguments as in the YAML of the test)
    "sgd_plain": (sgd, [0.1] * 3, {}),
    "sgd_momentum": (sgd, [0.1] * 3, dict(momentum=0.9, dampening=0.1, weight_decay=0.01)),
    "sgd_nesterov": (sgd, [0.1] * 3, dict(momentum=0.9, nesterov=True, weight_decay=0.01)),
    "adam_default": (adam, [0.1] * 3, {}),
    "adam_weight_decay": (adam, [0.1] * 3, dict(beta1=0.8, beta2=0.99, eps=1e-3, weight_decay=0.1)),
    "adam_amsgrad": (adam, [0.1] * 3, dict(beta2=0.5, amsgrad=True)),
    "adam_scheduled": (adam, [0.1, 0.05, 0.025], {}),
    "adamw_default": (adam, [0.1] * 3, dict(weight_decay=0.01, decoupled=True)),
    "adamw_amsgrad": (adam, [0.1] * 3, dict(beta1=0.8, beta2=0.5, eps=1e-3, weight_decay=0.5, amsgrad=True, decoupled=True)),
    "adamw_scheduled": (adam, [0.1, 0.05, 0.025], dict(weight_decay=0.5, decoupled=True)),
    "rmsprop_default": (rmsprop, [0.01] * 3, {}),
    "rmsprop_momentum": (rmsprop, [0.01] * 3, dict(momentum=0.9, weight_decay=0.1)),
    "rmsprop_centered": (rmsprop, [0.01] * 3, dict(alpha=0.9, eps=1e-3, centered=True)),
    "rmsprop_centered_momentum": (rmsprop, [0.01] * 3, dict(alpha=0.9, momentum=0.5, centered=True, weight_decay=0.1)),
    "rmsprop_scheduled": (rmsprop, [0.01, 0.005, 0.0025], dict(momentum=0.9)),
    "adagrad_default": (adagrad, [0.1] * 3, {}),
    "adagrad_all": (adagrad, [0.1] * 3, dict(lr_decay=0.5, weight_decay=0.1, initial_accumulator_value=0.1, eps=1e-3)),
    "adagrad_scheduled": (adagrad, [0.1, 0.05, 0.025], dict(lr_decay=0.5)),
}

if __name__ == "__main__":
    for name, (fn, lrs, kw) in CASES.items():
        print(f"// {name}: {fn.__name__}(lrs={lrs}, {kw})")
        for t, params in enumerate(fn(lrs, **kw), 1):
            flat = [x for p in params for x in p]
            print(f"    {{{', '.join(repr(x) for x in flat)}}},  // after step {t}")
