using FreelancerOS.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// The running timer and whether the account has any client and project, read once per request in one statement:
/// the top bar of every page, the dashboard's timer card and its first-run checklist all ask.
/// </summary>
public sealed class CurrentWork(AppDbContext db)
{
    private (bool HasClient, bool HasProject, RunningTimerInfo? Timer)? _state;

    public async Task<RunningTimerInfo?> TimerAsync() => (await LoadAsync()).Timer;

    public async Task<bool> HasProjectAsync() => (await LoadAsync()).HasProject;

    public async Task<bool> HasClientAsync() => (await LoadAsync()).HasClient;

    private async Task<(bool HasClient, bool HasProject, RunningTimerInfo? Timer)> LoadAsync()
    {
        if (_state is { } known) return known;
        // Scalar subqueries on the account's one settings row: plain SQL on every provider. A timer
        // always has a project, so a running timer also answers "has a project".
        var row = await db.Settings.AsNoTracking().Select(s => new
        {
            HasClient = db.Clients.Any(c => c.OwnerId == s.OwnerId),
            HasProject = db.Projects.Any(p => p.OwnerId == s.OwnerId),
            ProjectId = db.Timers.Select(t => (int?)t.ProjectId).FirstOrDefault(),
            ProjectName = db.Timers.Select(t => t.Project!.Name).FirstOrDefault(),
            ServiceName = db.Timers.Select(t => t.Service != null ? t.Service.Name : null).FirstOrDefault(),
            StartedAt = db.Timers.Select(t => (DateTimeOffset?)t.StartedAt).FirstOrDefault(),
        }).FirstOrDefaultAsync();
        var timer = row?.ProjectId is { } id && row.StartedAt is { } started ? new RunningTimerInfo(id, row.ProjectName ?? "", row.ServiceName, started) : null;
        _state = row is null ? (await db.Clients.AnyAsync(), await db.Projects.AnyAsync(), null) : (row.HasClient, row.HasProject, timer);
        return _state.Value;
    }
}

public sealed record RunningTimerInfo(int ProjectId, string ProjectName, string? ServiceName, DateTimeOffset StartedAt);
