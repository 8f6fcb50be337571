using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// The running timer and whether the account has any client and project, read once per request in one statement:
/// the top bar of every page, the dashboard's timer card and its first-run checklist all ask.
/// </summary>
public sealed class CurrentWork(AppDbContext db)
{
    private (bool HasClient, bool HasProject, RunningTimerInfo? Timer)? _state;

    private sealed record Row(bool HasClient, bool HasProject, int? ProjectId, string? ProjectName, string? ServiceName, DateTimeOffset? StartedAt);

    // Scalar subqueries on the account's one settings row: plain SQL on every provider. A timer always has a
    // project, so a running timer also answers "has a project". Compiled once, as every page's top bar runs it.
    private static readonly CompiledPerModel<Func<AppDbContext, CancellationToken, Task<Row?>>> Query = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken ct) => db.Settings.AsNoTracking().Select(s => new Row(
            db.Clients.Any(c => c.OwnerId == s.OwnerId),
            db.Projects.Any(p => p.OwnerId == s.OwnerId),
            db.Timers.Select(t => (int?)t.ProjectId).FirstOrDefault(),
            db.Timers.Select(t => t.Project!.Name).FirstOrDefault(),
            db.Timers.Select(t => t.Service != null ? t.Service.Name : null).FirstOrDefault(),
            db.Timers.Select(t => (DateTimeOffset?)t.StartedAt).FirstOrDefault())).FirstOrDefault()));

    public async Task<RunningTimerInfo?> TimerAsync() => (await LoadAsync()).Timer;

    public async Task<bool> HasProjectAsync() => (await LoadAsync()).HasProject;

    public async Task<bool> HasClientAsync() => (await LoadAsync()).HasClient;

    private async Task<(bool HasClient, bool HasProject, RunningTimerInfo? Timer)> LoadAsync()
    {
        if (_state is { } known) return known;
        var row = await Query.For(db)(db, CancellationToken.None);
        var timer = row?.ProjectId is { } id && row.StartedAt is { } started ? new RunningTimerInfo(id, row.ProjectName ?? "", row.ServiceName, started) : null;
        _state = row is null ? (await db.Clients.AnyAsync(), await db.Projects.AnyAsync(), null) : (row.HasClient, row.HasProject, timer);
        return _state.Value;
    }
}

public sealed record RunningTimerInfo(int ProjectId, string ProjectName, string? ServiceName, DateTimeOffset StartedAt);
