using System.Diagnostics;

namespace Matchmaker.Cli;

/// <summary>
/// Progress on stderr: a one-line bar redrawn on a terminal; when stderr is a file or a pipe, a
/// heartbeat line every two seconds (no carriage returns in logs), and a last line when the step took
/// longer than that.
/// </summary>
internal sealed class Progress(string label, long total)
{
    private const int HeartbeatMs = 2000;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1;
    private long _done;

    public void Report(long done)
    {
        _done = done;
        if (!_terminal)
        {
            if (_clock.ElapsedMilliseconds - Math.Max(0, _lastDraw) >= HeartbeatMs)
            {
                _lastDraw = _clock.ElapsedMilliseconds;
                Console.Error.WriteLine(Line(done));
            }

            return;
        }

        if (_clock.ElapsedMilliseconds - _lastDraw < 100 && done < total)
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
        if (_terminal)
        {
            Console.Error.WriteLine();
        }
        else if (_clock.ElapsedMilliseconds >= HeartbeatMs)
        {
            Console.Error.WriteLine($"{label}: done, {_done:N0} in {_clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private string Line(long done) =>
        $"{label}: {done:N0}{(total > 0 ? $" of {total:N0} ({Math.Min(1.0, (double)done / total):P0})" : "")}, " +
        $"{done / Math.Max(0.001, _clock.Elapsed.TotalSeconds):N0}/s, {_clock.Elapsed.TotalSeconds:0} s";
}
