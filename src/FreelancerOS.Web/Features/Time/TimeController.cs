using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// Time: the weekly timesheet edited in place and the time entries' forms. The timer has its own
/// controller under the same URL segment (docs/decisions/012): <see cref="TimerController"/>.
/// </summary>
public sealed class TimeController(AppDbContext db, TimeProvider clock, CurrentAccount account) : Controller
{
    private const string LockedMessage = "This entry is on an invoice and cannot be edited or deleted.";

    /// <summary>The weekly timesheet with the timer. <paramref name="add"/> adds an empty row ("projectId" or "projectId:serviceId").</summary>
    [HttpGet]
    public async Task<IActionResult> Index(string? week, string? add)
    {
        var settings = await SettingsAsync();
        var today = settings.Today(clock);
        var monday = Timesheet.MondayOf(DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var w) && Limits.IsSaneDate(w) ? w : today);
        var sheet = await LoadSheetAsync(monday, ParseTarget(add), []);
        return View(new TimePage(sheet, await LoadTimerAsync(), await WorkOptionsAsync(), today, settings.DefaultHourlyRate == 0));
    }

    /// <summary>
    /// One timesheet cell edited in place: the hours (and note) of a project/service on a day. An empty
    /// cell gets a new entry; a cell with one entry has its hours and note changed (0 or empty deletes
    /// it); a cell with several entries, or an invoiced one, is edited in the entries themselves. A
    /// refused cell comes back with what was typed and the reason.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Cell(int projectId, int? serviceId, DateOnly date, string? hours, string? note)
    {
        if (!Limits.IsSaneDate(date)) return BadRequest();
        var target = await TimeShared.ResolveAsync(db, projectId, serviceId);
        if (target is null) return NotFound();
        var entries = await db.TimeEntries.Where(t => t.ProjectId == projectId && t.ServiceId == serviceId && t.Date == date).ToListAsync();
        var error = CellError(hours, note, entries, out var value);
        if (error is null)
        {
            ApplyCell(entries, value, TimeShared.Blank(note), () => new TimeEntry { Date = date, ProjectId = projectId, ServiceId = serviceId, Billable = true }, target.Value);
            await db.SaveChangesAsync();
        }

        var monday = Timesheet.MondayOf(date);
        if (!Request.IsHtmx())
        {
            if (error is not null) TempData["Error"] = error;
            return Redirect($"/time?week={monday:yyyy-MM-dd}");
        }
        var key = Timesheet.CellKey(projectId, serviceId, date);
        var refused = error is null ? new Dictionary<string, TypedCell>() : new Dictionary<string, TypedCell> { [key] = new(error, hours, note) };
        return PartialView("_Timesheet", await LoadSheetAsync(monday, (projectId, serviceId), refused));
    }

    private static string? CellError(string? hours, string? note, List<TimeEntry> entries, out decimal value)
    {
        if (!HoursText.TryParse(hours, out value, out var error)) return error;
        if ((note?.Length ?? 0) > 1000) return "A note has at most 1,000 characters.";
        if (entries.Any(e => e.IsLocked)) return LockedMessage;
        if (entries.Count > 1) return "This day has several entries: change them on the project page.";
        if (value == 0 && entries.Count == 0 && !string.IsNullOrWhiteSpace(note)) return "Enter the hours this note is for.";
        return null;
    }

    private void ApplyCell(List<TimeEntry> entries, decimal value, string? note, Func<TimeEntry> create, (decimal Rate, string Currency) target)
    {
        if (value == 0)
        {
            if (entries.Count == 1) db.TimeEntries.Remove(entries[0]);
            return;
        }
        var entry = entries.SingleOrDefault();
        if (entry is null)
        {
            entry = create();
            entry.SnapshotRate(target.Rate, target.Currency);
            db.TimeEntries.Add(entry);
        }
        entry.SetHours(value);
        entry.Description = note;
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? projectId, int? serviceId, DateOnly? date, string? returnUrl)
    {
        var settings = await SettingsAsync();
        var form = new TimeEntryForm { ProjectId = projectId ?? 0, ServiceId = serviceId, Date = date ?? settings.Today(clock), ReturnUrl = Url.LocalOrNull(returnUrl) };
        await FillOptionsAsync(form);
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(TimeEntryForm form)
    {
        var target = ModelState.IsValid ? await TimeShared.CheckTargetAsync(db, ModelState, form.ProjectId, form.ServiceId) : null;
        if (!ModelState.IsValid || target is null) return await FormViewAsync(form);
        var entry = new TimeEntry();
        form.ApplyTo(entry);
        entry.SnapshotRate(target.Value.Rate, target.Value.Currency);
        entry.SetHours(form.ParsedHours);
        db.TimeEntries.Add(entry);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{HoursText.Format(entry.Hours)} h logged at {Currency.Format(entry.HourlyRate, entry.Currency)}/h.";
        return this.BackTo(form.ReturnUrl, entry.Date);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, string? returnUrl)
    {
        var entry = await db.TimeEntries.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id);
        if (entry is null) return NotFound();
        var form = TimeEntryForm.From(entry);
        form.ReturnUrl = Url.LocalOrNull(returnUrl);
        await FillOptionsAsync(form);
        return View(form);
    }

    /// <summary>Saves an edit. The rate snapshot stays unless the project or service changes, which takes the rate that applies now.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(int id, TimeEntryForm form)
    {
        var entry = await db.TimeEntries.SingleOrDefaultAsync(t => t.Id == id);
        if (entry is null) return NotFound();
        if (entry.IsLocked)
        {
            ModelState.AddModelError("", LockedMessage);
            form.Locked = true;
        }
        var moved = entry.ProjectId != form.ProjectId || entry.ServiceId != form.ServiceId;
        var target = ModelState.IsValid && moved ? await TimeShared.CheckTargetAsync(db, ModelState, form.ProjectId, form.ServiceId) : null;
        if (!ModelState.IsValid || (moved && target is null)) return await FormViewAsync(form);

        db.Entry(entry).Property(t => t.Version).OriginalValue = form.Version;
        form.ApplyTo(entry);
        if (target is { } t) entry.SnapshotRate(t.Rate, t.Currency);
        entry.SetHours(form.ParsedHours);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This entry was changed in another tab or window since you opened this form. Reload the page and make your change again.");
            return await FormViewAsync(form);
        }
        TempData["Flash"] = "Entry saved.";
        return this.BackTo(form.ReturnUrl, entry.Date);
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id)
    {
        var entry = await db.TimeEntries.SingleOrDefaultAsync(t => t.Id == id);
        if (entry is null) return NotFound();
        if (entry.IsLocked)
        {
            TempData["Flash"] = LockedMessage;
            return RedirectToAction(nameof(Edit), new { id });
        }
        db.TimeEntries.Remove(entry);
        await db.SaveChangesAsync();
        TempData["Flash"] = "Entry deleted.";
        return Redirect($"/time?week={Timesheet.MondayOf(entry.Date):yyyy-MM-dd}");
    }

    // --- loading ----------------------------------------------------------------------------------

    private async Task<Timesheet> LoadSheetAsync(DateOnly monday, (int ProjectId, int? ServiceId)? extraRow, Dictionary<string, TypedCell> refused)
    {
        var sunday = monday.AddDays(6);
        var entries = new List<WeekEntry>();
        await foreach (var e in WeekEntries.For(db)(db, monday, sunday)) entries.Add(e);
        var keys = entries.Select(e => (e.ProjectId, e.ProjectName, e.ClientName, e.ServiceId, e.ServiceName)).Distinct().ToList();
        if (extraRow is { } extra && keys.All(k => k.ProjectId != extra.ProjectId || k.ServiceId != extra.ServiceId))
        {
            var row = await db.Projects.AsNoTracking().Where(p => p.Id == extra.ProjectId)
                .Select(p => new { p.Name, ClientName = p.Client!.Name }).SingleOrDefaultAsync();
            var service = extra.ServiceId is { } sid ? await db.Services.AsNoTracking().Where(s => s.Id == sid && s.ProjectId == extra.ProjectId).Select(s => s.Name).SingleOrDefaultAsync() : null;
            if (row is not null && (extra.ServiceId is null || service is not null))
                keys.Add((extra.ProjectId, row.Name, row.ClientName, extra.ServiceId, service));
        }
        var cells = entries.ToLookup(e => (e.ProjectId, e.ServiceId, e.Date));
        var rows = keys.OrderBy(k => k.ProjectName).ThenBy(k => k.ProjectId).ThenBy(k => k.ServiceName ?? "").Select(k => new TimesheetRow(
            k.ProjectId, k.ProjectName, k.ClientName, k.ServiceId, k.ServiceName,
            Enumerable.Range(0, 7).Select(monday.AddDays).Select(day =>
            {
                var cell = cells[(k.ProjectId, k.ServiceId, day)].ToList();
                return new TimesheetCell(day, cell.Sum(e => e.Hours), cell.Count, cell.Any(e => e.Locked), cell.Count == 1 ? cell[0].Description : null);
            }).ToList())).ToList();
        return new Timesheet(monday, rows, refused);
    }

    private async Task<RunningTimerView?> LoadTimerAsync()
    {
        var timer = await RunningTimerRow.For(db)(db, HttpContext.RequestAborted);
        return timer is null ? null
            : new RunningTimerView(timer.ProjectName, timer.ProjectId, timer.ServiceName, timer.Description, timer.StartedAt,
                RunningTimer.ElapsedHours(timer.StartedAt, clock.GetUtcNow()));
    }

    private sealed record WeekEntry(int ProjectId, string ProjectName, string ClientName, int? ServiceId, string? ServiceName, DateOnly Date,
        decimal Hours, string? Description, bool Locked);

    // The timesheet's week and the running timer, read on every view of the page: compiled once (building the expression
    // and looking it up in EF's cache cost about a quarter of the week's read).
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, IAsyncEnumerable<WeekEntry>>> WeekEntries = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly monday, DateOnly sunday) => db.TimeEntries.AsNoTracking().Where(t => t.Date >= monday && t.Date <= sunday)
            .Select(t => new WeekEntry(t.ProjectId, t.Project!.Name, t.Project.Client!.Name, t.ServiceId, (string?)t.Service!.Name, t.Date, t.Hours,
                t.Description, t.InvoiceId != null))));

    private sealed record TimerRow(string ProjectName, int ProjectId, string? ServiceName, string? Description, DateTimeOffset StartedAt);

    private static readonly CompiledPerModel<Func<AppDbContext, CancellationToken, Task<TimerRow?>>> RunningTimerRow = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken ct) => db.Timers.AsNoTracking()
            .Select(t => new TimerRow(t.Project!.Name, t.ProjectId, (string?)t.Service!.Name, t.Description, t.StartedAt))
            .SingleOrDefault()));

    private sealed record OpenProject(int Id, string Name, string ClientName);

    private sealed record OpenService(int Id, string Name, int ProjectId);

    // Every page of time and each of its forms asks these, always in this shape: compiled once.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<OpenProject>>> OpenProjects = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Projects.Where(p => p.Status != WorkStatus.Completed).OrderBy(p => p.Name)
            .Select(p => new OpenProject(p.Id, p.Name, p.Client!.Name))));

    // The same open projects as a condition, not their ids: a list of ids is one parameter each, and its SQL is built anew each time.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<OpenService>>> OpenServices = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Services.Where(s => s.Project!.Status != WorkStatus.Completed).OrderBy(s => s.Name)
            .Select(s => new OpenService(s.Id, s.Name, s.ProjectId))));

    private async Task<List<WorkOption>> WorkOptionsAsync()
    {
        var projects = new List<OpenProject>();
        await foreach (var p in OpenProjects.For(db)(db)) projects.Add(p);
        var services = new List<OpenService>();
        await foreach (var s in OpenServices.For(db)(db)) services.Add(s);
        var byProject = services.ToLookup(s => s.ProjectId, s => (s.Id, s.Name));
        return projects.Select(p => new WorkOption(p.Id, p.Name, p.ClientName, byProject[p.Id].ToList())).ToList();
    }

    private async Task<IActionResult> FormViewAsync(TimeEntryForm form)
    {
        await FillOptionsAsync(form);
        return View(form);
    }

    private async Task FillOptionsAsync(TimeEntryForm form)
    {
        form.Options = await WorkOptionsAsync();
        form.DefaultRateIsZero = (await SettingsAsync()).DefaultHourlyRate == 0;
    }

    private async Task<AccountSettings> SettingsAsync() =>
        await account.SettingsAsync();

    private static (int, int?)? ParseTarget(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Split(':');
        if (!int.TryParse(parts[0], out var p)) return null;
        return parts.Length > 1 && int.TryParse(parts[1], out var s) ? (p, s) : (p, null);
    }
}
