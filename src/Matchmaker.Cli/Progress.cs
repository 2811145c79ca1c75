using System.Diagnostics;

namespace Matchmaker.Cli;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal (never into logs or pipes).</summary>
internal sealed class Progress(string label, long total)
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;

    public void Report(long done)
    {
        if (!_enabled || (_clock.ElapsedMilliseconds - _lastDraw < 100 && done < total))
        {
            return;
        }

        _lastDraw = _clock.ElapsedMilliseconds;
        var fraction = total > 0 ? Math.Min(1.0, (double)done / total) : 0;
        const int Width = 30;
        var filled = (int)(fraction * Width);
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        if (total <= 0)
        {
            Console.Error.Write($"\r{label}: {done:N0} {rate:N0}/s ");
            return;
        }

        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {done:N0}/{total:N0} {fraction:P0} {rate:N0}/s ");
    }

    public void Done()
    {
        if (_enabled)
        {
            Console.Error.WriteLine();
        }
    }
}
