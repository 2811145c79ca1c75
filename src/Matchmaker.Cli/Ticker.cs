using System.Diagnostics;

namespace Matchmaker.Cli;

/// <summary>
/// Progress for steps that report no fraction (ML.NET training): the step's name and a running
/// clock on stderr, redrawn twice a second on a terminal; one line per step when stderr is a file.
/// </summary>
internal sealed class Ticker : IDisposable
{
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _step = new();
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private string _label = "";

    public Ticker()
    {
        _timer = new Timer(_ => Draw(), null, 500, 500);
    }

    public TimeSpan Elapsed => _total.Elapsed;

    public void Step(string label)
    {
        lock (_lock)
        {
            Finish();
            _label = label;
            _step.Restart();
            if (!_terminal)
            {
                Console.Error.WriteLine($"{label} …");
            }

            Draw();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            Finish();
            _label = "";
        }
    }

    private void Finish()
    {
        if (_label.Length > 0)
        {
            if (_terminal)
            {
                Console.Error.WriteLine($"\r{_label}: done in {_step.Elapsed.TotalSeconds:0.0} s   ");
            }
            else
            {
                Console.Error.WriteLine($"{_label}: done in {_step.Elapsed.TotalSeconds:0.0} s");
            }
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_terminal && _label.Length > 0)
            {
                Console.Error.Write($"\r{_label} … {_step.Elapsed.TotalSeconds:0.0} s ");
            }
        }
    }
}
