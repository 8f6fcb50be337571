using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Whether the database has been made ready at start-up (migrations, kept figures, planner statistics, default lists).
/// The server starts listening while that is under way, since both take a while on their own (the host's start-up, then
/// EF's model and the migrations check); what needs the database waits here instead: every request (the first middleware),
/// every job (Hangfire's activator), the job schedules, and the data-protection keys when they are kept in the database.
/// As a hosted service it holds back the host's "started" until the database is ready, so a failed migration still stops
/// the start-up with its error, and whoever waits for the host to start (the tests) finds the database ready.
/// </summary>
public sealed class DatabaseReadiness : IHostedService
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => done.Task;

    /// <summary>The start-up's preparation of the database, once begun.</summary>
    public void Follow(Task preparation) => preparation.ContinueWith(t =>
    {
        if (t.Exception is { } error) done.TrySetException(error.InnerExceptions);
        else if (t.IsCanceled) done.TrySetCanceled();
        else done.TrySetResult();
    }, TaskScheduler.Default);

    public Task StartAsync(CancellationToken cancellationToken) => Ready.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Blocks the calling thread until the database is ready (for Hangfire's and data protection's synchronous calls).</summary>
    public void Wait() => Ready.GetAwaiter().GetResult();

    /// <summary>Keys kept in the database are read (and a first one written) only once the migrations have made their table.</summary>
    public IXmlRepository Guard(IXmlRepository keys) => keys as AfterReady ?? new AfterReady(keys, this);

    private sealed class AfterReady(IXmlRepository keys, DatabaseReadiness readiness) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            readiness.Wait();
            return keys.GetAllElements();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            readiness.Wait();
            keys.StoreElement(element, friendlyName);
        }
    }
}
