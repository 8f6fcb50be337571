using FreelancerOS.Tests.Infrastructure;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements EF Core runs against one test app's database file (other test classes run in
/// parallel on their own files, so commands are matched on the data source).
/// </summary>
public sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _folder;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public SqlCounter(string folder)
    {
        _folder = folder;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The statements counted since the last reset, to name them when a page runs too many.</summary>
    public IReadOnlyList<string> Statements { get { lock (_statements) return _statements.ToList(); } }

    private readonly List<string> _statements = [];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (_statements) _statements.Clear();
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
            && (data.Command.Connection?.ConnectionString ?? "").Contains(_folder, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
            lock (_statements) _statements.Add(data.Command.CommandText);
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
    }
}
