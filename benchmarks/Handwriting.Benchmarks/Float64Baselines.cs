using Handwriting.Kernels;

// The float64 baselines every benchmark class compares its kernel against.
//
// These mirror the Handwriting.Kernels.Reference.*Reference classes that are being written on
// the kernel-tests branch: the same class names, method names and argument order (double[]
// where the kernel takes a view), and the same loop order, so that the timings carry over.
// They leave out the references' argument checks, which cost nothing at these sizes.
// Once that branch is merged, delete this file and replace
//     using Handwriting.Benchmarks.Baselines;
// with
//     using Handwriting.Kernels.Reference;
// in the benchmark classes: nothing else changes.
namespace Handwriting.Benchmarks.Baselines;

internal static class MatMulReference
{
    /// <summary>c (M, N) = activation(a (M, K) . b (K, N) + bias (N or empty)), a row of c at a time.</summary>
    public static void Run(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n, Activation activation)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(i * n, n);
            if (bias.Length == 0)
            {
                row.Clear();
            }
            else
            {
                bias.AsSpan().CopyTo(row);
            }

            for (int p = 0; p < k; p++)
            {
                double aip = a[i * k + p];
                var bRow = b.AsSpan(p * n, n);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aip * bRow[j];
                }
            }

            if (activation == Activation.Relu)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = Math.Max(0.0, row[j]);
                }
            }
        }
    }
}

internal static class MatMulTransposeAReference
{
    /// <summary>c (K, N) = a (M, K)^T . b (M, N), adding one row i of the sum at a time.</summary>
    public static void Run(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        Array.Clear(c);
        for (int i = 0; i < m; i++)
        {
            var bRow = b.AsSpan(i * n, n);
            for (int p = 0; p < k; p++)
            {
                double aip = a[i * k + p];
                var row = c.AsSpan(p * n, n);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aip * bRow[j];
                }
            }
        }
    }
}

internal static class MatMulTransposeBReference
{
    /// <summary>c (M, N) = a (M, K) . b (N, K)^T, one dot product per output.</summary>
    public static void Run(double[] a, double[] b, double[] c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0.0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[j * k + p];
                }

                c[i * n + j] = sum;
            }
        }
    }
}

internal static class BiasGradientReference
{
    /// <summary>dbias[j] = sum over rows of dy[i, j], column by column.</summary>
    public static void Run(double[] dy, double[] dbias, int rows, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            double sum = 0.0;
            for (int i = 0; i < rows; i++)
            {
                sum += dy[i * columns + j];
            }

            dbias[j] = sum;
        }
    }
}

internal static class ReluBackwardReference
{
    public static void Run(double[] dy, double[] y, double[] dx, int count)
    {
        for (int i = 0; i < count; i++)
        {
            dx[i] = y[i] > 0.0 ? dy[i] : 0.0;
        }
    }
}

internal static class DropoutReference
{
    /// <summary>The kernel's own mask function, <see cref="DropoutMask.Keep"/>; only the scale is double.</summary>
    public static void Forward(double[] x, double[] y, int count, float rate, uint seed, uint step)
    {
        double scale = 1.0 / (1.0 - rate);
        for (int i = 0; i < count; i++)
        {
            y[i] = DropoutMask.Keep(seed, step, (uint)i, rate) ? x[i] * scale : 0.0;
        }
    }
}

internal static class SoftmaxCrossEntropyReference
{
    public static void Run(double[] logits, int[] labels, double[] losses, double[] correct, double[] dlogits, int rows, int classes)
    {
        var probabilities = new double[classes];
        for (int r = 0; r < rows; r++)
        {
            int row = r * classes;
            double max = logits[row];
            int argmax = 0;
            for (int j = 1; j < classes; j++)
            {
                if (logits[row + j] > max)
                {
                    max = logits[row + j];
                    argmax = j;
                }
            }

            double sum = 0.0;
            for (int j = 0; j < classes; j++)
            {
                probabilities[j] = Math.Exp(logits[row + j] - max);
                sum += probabilities[j];
            }

            for (int j = 0; j < classes; j++)
            {
                probabilities[j] /= sum;
            }

            int label = labels[r];
            losses[r] = Math.Log(sum) + max - logits[row + label];
            correct[r] = argmax == label ? 1.0 : 0.0;
            for (int j = 0; j < classes; j++)
            {
                dlogits[row + j] = (probabilities[j] - (j == label ? 1.0 : 0.0)) / rows;
            }
        }
    }
}

internal static class AdamReference
{
    public static void Run(double[] parameters, double[] gradients, double[] m, double[] v, int count, AdamSettings settings, int step)
    {
        double beta1 = settings.Beta1;
        double beta2 = settings.Beta2;
        double epsilon = settings.Epsilon;
        double alpha = settings.LearningRate * Math.Sqrt(1.0 - Math.Pow(beta2, step)) / (1.0 - Math.Pow(beta1, step));
        for (int i = 0; i < count; i++)
        {
            double g = gradients[i];
            m[i] += (g - m[i]) * (1.0 - beta1);
            v[i] += (g * g - v[i]) * (1.0 - beta2);
            parameters[i] -= alpha * m[i] / (Math.Sqrt(v[i]) + epsilon);
        }
    }
}

internal static class MetricSumsReference
{
    public static void Run(double[] losses, double[] correct, double[] totals, int count)
    {
        double loss = 0.0;
        double right = 0.0;
        for (int i = 0; i < count; i++)
        {
            loss += losses[i];
            right += correct[i];
        }

        totals[0] = loss;
        totals[1] = right;
    }
}

internal static class GatherReference
{
    public static void Rows(double[] source, int[] indices, double[] destination, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++)
            {
                destination[r * width + c] = source[indices[r] * width + c];
            }
        }
    }

    public static void Labels(int[] source, int[] indices, int[] destination, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            destination[r] = source[indices[r]];
        }
    }
}
