using System.Diagnostics;

namespace LnConform.Fuzz;

/// <summary>Shrinks a failing input while it still fails with the same stack signature (chunk removal, halving the chunk).</summary>
public static class CrashMinimizer
{
    public static byte[] Minimize(IFuzzTarget target, byte[] data, string signature, double budgetSeconds = 10)
    {
        var best = data;
        var budget = Stopwatch.StartNew();
        for (var chunk = Math.Max(1, best.Length / 2); budget.Elapsed.TotalSeconds < budgetSeconds; chunk /= 2)
        {
            for (var at = 0; at + chunk <= best.Length && budget.Elapsed.TotalSeconds < budgetSeconds;)
            {
                var candidate = new byte[best.Length - chunk];
                best.AsSpan(0, at).CopyTo(candidate);
                best.AsSpan(at + chunk).CopyTo(candidate.AsSpan(at));
                if (Fails(target, candidate) is { } e && Finding.SignatureOf(e).Signature == signature)
                    best = candidate;
                else
                    at += chunk;
            }
            if (chunk == 1)
                break;
        }
        return best;
    }

    /// <summary>Runs one input; the exception that escaped, or null.</summary>
    public static Exception? Fails(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
#pragma warning disable CA1031 // any exception is the answer
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }
}
