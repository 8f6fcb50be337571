using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Recurring;

public sealed class RecurringController(AppDbContext db, CurrentAccount account, RecurringSchedules schedules) : Controller
{
    private const int PastPeriods = 6;

    [HttpGet]
    public async Task<IActionResult> Index(int? clientId, int page = 1)
    {
        var query = db.RecurringSchedules.AsNoTracking();
        if (clientId is { } c) query = query.Where(s => s.ClientId == c);
        var rows = await query.OrderBy(s => s.IsPaused).ThenBy(s => s.NextRunDate == null).ThenBy(s => s.NextRunDate).ThenBy(s => s.Name)
            .Select(s => new RecurringListRow(s.Id, s.Name, s.ClientId, s.Client!.Name, s.Client.Currency, s.Frequency, s.DayOfWeek, s.DayOfMonth,
                s.NextRunDate, s.IsPaused, s.IncludedHours != null, s.RunsMade))
            .ToPagedAsync(page);
        var clientName = clientId is { } id ? await db.Clients.Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync() : null;
        return View(new RecurringList(rows, clientName is null ? null : clientId, clientName));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, int page = 1)
    {
        var s = await db.RecurringSchedules.AsNoTracking().Include(x => x.Lines).Include(x => x.Client).Include(x => x.Project)
            .SingleOrDefaultAsync(x => x.Id == id);
        if (s is null) return NotFound();
        var runs = await db.RecurringRuns.AsNoTracking().Where(r => r.ScheduleId == id).OrderByDescending(r => r.PeriodStart)
            .Select(r => new RecurringRunRow(r.RunDate, r.PeriodStart, r.PeriodEnd, r.InvoiceId, r.Invoice!.Number, r.Invoice.Status,
                r.Invoice.Total, r.OverageHours, r.Note))
            .ToPagedAsync(page, 12);
        var periods = await RetainerHours.PeriodsAsync(db, s, await account.TodayAsync(), PastPeriods);
        var total = InvoiceTotals.Of(s.Lines.Select(l => (l.Quantity, l.UnitPrice)), s.TaxRate, s.Client!.Currency).Total;
        return View(new RecurringDetails(s, s.Client.Name, s.Project?.Name, s.Client.Currency, total, runs, periods));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? clientId)
    {
        var form = new RecurringForm { ClientId = clientId ?? 0, StartDate = await account.TodayAsync() };
        return View("Edit", await schedules.FormPageAsync(form, null));
    }

    [HttpPost]
    public Task<IActionResult> Create(RecurringForm form) => SaveAsync(null, form);

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var s = await db.RecurringSchedules.AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id);
        if (s is null) return NotFound();
        return View(await schedules.FormPageAsync(RecurringForm.From(s), id));
    }

    [HttpPost]
    public Task<IActionResult> Edit(int id, RecurringForm form) => SaveAsync(id, form);

    [HttpPost]
    public Task<IActionResult> Pause(int id) => SetPausedAsync(id, true);

    [HttpPost]
    public Task<IActionResult> Resume(int id) => SetPausedAsync(id, false);

    [HttpPost]
    public async Task<IActionResult> Delete(int id)
    {
        if (!await schedules.DeleteAsync(id)) return NotFound();
        TempData["Flash"] = "Schedule deleted. The invoices it made stay as they are.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> SaveAsync(int? id, RecurringForm form)
    {
        if (ModelState.IsValid)
        {
            var result = await schedules.SaveAsync(id, form);
            if (result.Outcome == SaveOutcome.NotFound) return NotFound();
            if (result.Outcome == SaveOutcome.Saved)
            {
                TempData["Flash"] = $"Schedule \"{result.Schedule!.Name}\" saved." +
                                    (result.Schedule.NextRunDate is { } next ? $" Next run: {next:yyyy-MM-dd}." : " It has no run left.");
                return RedirectToAction(nameof(Details), new { id = result.Schedule.Id });
            }
            ModelState.AddModelError(result.Field ?? "", result.Message!);
            if (result.Outcome == SaveOutcome.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return View("Edit", await schedules.FormPageAsync(form, id));
    }

    private async Task<IActionResult> SetPausedAsync(int id, bool paused)
    {
        var refusal = await schedules.SetPausedAsync(id, paused);
        if (refusal is null) return NotFound();
        if (refusal.Length > 0) TempData["Error"] = refusal;
        else TempData["Flash"] = paused ? "Paused: no invoice is made until you resume." : "Resumed: periods that went by while paused are skipped.";
        return RedirectToAction(nameof(Details), new { id });
    }
}
