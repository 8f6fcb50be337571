using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using ClientOption = FreelancerOS.Web.Features.Projects.ClientOption;

namespace FreelancerOS.Web.Features.Recurring;

public enum SaveOutcome { Saved, NotFound, Refused, Conflict }

public sealed record SaveResult(SaveOutcome Outcome, RecurringSchedule? Schedule = null, string? Field = null, string? Message = null);

/// <summary>Creating, editing, pausing, resuming and deleting schedules: the rules are on the entity, the loading here.</summary>
public sealed class RecurringSchedules(AppDbContext db, TimeProvider clock, CurrentAccount account)
{
    public async Task<SaveResult> SaveAsync(int? id, RecurringForm form, CancellationToken ct = default)
    {
        RecurringSchedule? schedule = null;
        if (id is { } existing)
        {
            schedule = await db.RecurringSchedules.Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == existing, ct);
            if (schedule is null) return new SaveResult(SaveOutcome.NotFound);
            if (schedule.Version != form.Version)
                return new SaveResult(SaveOutcome.Conflict, schedule, "", "This schedule was changed in another tab or window since you opened this form. Reload the page and make your change again.");
        }
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == form.ClientId, ct);
        if (client is null) return new SaveResult(SaveOutcome.Refused, schedule, nameof(form.ClientId), "Choose one of your clients.");
        Project? project = null;
        if (form.ProjectId is { } pid)
        {
            project = await db.Projects.SingleOrDefaultAsync(p => p.Id == pid, ct);
            if (project is null) return new SaveResult(SaveOutcome.Refused, schedule, nameof(form.ProjectId), "Choose one of your projects.");
        }
        var today = await account.TodayAsync(ct);
        try
        {
            if (schedule is null)
            {
                schedule = RecurringSchedule.Create(form.ToTerms(), client, project, today, clock.GetUtcNow());
                db.RecurringSchedules.Add(schedule);
                if (await db.Settings.SingleOrDefaultAsync(ct) is { HasRecurringSchedules: false } settings) settings.HasRecurringSchedules = true;
            }
            else
            {
                schedule.Update(form.ToTerms(), client, project, today);
            }
            await db.SaveChangesAsync(ct);
            return new SaveResult(SaveOutcome.Saved, schedule);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return new SaveResult(SaveOutcome.Refused, schedule, e.Field ?? "", e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new SaveResult(SaveOutcome.Conflict, schedule, "", "This schedule was changed meanwhile. Reload the page and make your change again.");
        }
    }

    /// <summary>Pauses or resumes; returns null when not found, else the refusal message (or "" when done).</summary>
    public async Task<string?> SetPausedAsync(int id, bool paused, CancellationToken ct = default)
    {
        var schedule = await db.RecurringSchedules.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null) return null;
        try
        {
            if (paused) schedule.Pause();
            else schedule.Resume(await account.TodayAsync(ct));
            await db.SaveChangesAsync(ct);
            return "";
        }
        catch (DomainException e)
        {
            return e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            return "This schedule was changed meanwhile (perhaps a run was just made): try again.";
        }
    }

    /// <summary>Deletes the schedule and its run records; the invoices the runs made stay as they are.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        if (await db.RecurringSchedules.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) return false;
        if (!await db.RecurringSchedules.AnyAsync(ct))
            await db.Settings.ExecuteUpdateAsync(s => s.SetProperty(x => x.HasRecurringSchedules, false).SetProperty(x => x.Version, x => x.Version + 1), ct);
        return true;
    }

    public async Task<RecurringFormPage> FormPageAsync(RecurringForm form, int? id, CancellationToken ct = default)
    {
        var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name, c.Currency)).ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Client!.Name).ThenBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.ClientId, p.Name, p.Client!.Name)).ToListAsync(ct);
        return new RecurringFormPage(form.WithBlankRows(), clients, projects, id);
    }
}
