using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ClientOption = FreelancerOS.Web.Features.Projects.ClientOption;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Invoices: the list, an invoice's page and PDF, and drafts (create, edit, delete). The board, the lifecycle
/// (issue, void), payments and share links have their own controllers under the same URL segment
/// (docs/decisions/012): <see cref="InvoiceBoardController"/>, <see cref="InvoiceLifecycleController"/>,
/// <see cref="InvoicePaymentsController"/>, <see cref="InvoiceShareLinksController"/>.
/// </summary>
public sealed class InvoicesController(
    AppDbContext db, TimeProvider clock, CurrentAccount account, DraftInvoices drafts, BilledWork work)
    : Controller
{
    private static readonly SortColumns<Invoice> Sorts = new SortColumns<Invoice>(i => i.Id)
        .Add("number", i => i.Number).Add("client", i => i.Client!.Name).Add("status", i => i.Status)
        .Add("issued", i => i.IssueDate).Add("due", i => i.DueDate).Add("currency", i => i.Currency);

    [HttpGet]
    public async Task<IActionResult> List(string? q, InvoiceStatus? status, int? clientId, DateOnly? from, DateOnly? to, string? age, string? sort, string? dir, int? size, int page = 1)
    {
        var today = (await SettingsAsync()).Today(clock);
        var query = Filtered(db.Invoices.AsNoTracking(), q, status, clientId, from, to);
        var bucket = ReceivableAges.Parse(age);
        var openOnly = bucket is not null || age == InvoiceList.OpenAge;
        if (openOnly) query = query.Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue);
        if (bucket is { } b)
        {
            // What the aging report counts in that bucket: open invoices whose due date puts them there today.
            var (minDue, maxDue) = ReceivableAges.DueDates(b, today);
            if (minDue is { } min) query = query.Where(i => i.DueDate >= min);
            if (maxDue is { } max) query = query.Where(i => i.DueDate <= max);
        }
        var ordered = Sorts.Apply(query, Sorts.Parse(sort, dir), x => x.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id))
            .Select(i => new InvoiceListRow(i.Id, i.Number, i.Status, i.IssueDate, i.DueDate, i.ClientId, i.Client!.Name, i.Currency, i.Total, i.AmountPaid));
        // Without a filter but the status, the kept counts tell how many rows there are (every invoice of the years otherwise).
        var unfiltered = string.IsNullOrWhiteSpace(q) && clientId is null && from is null && to is null && !openOnly;
        var kept = unfiltered ? await InvoiceBoardQueries.KeptCountAsync(db, status is { } k && Enum.IsDefined(k) ? k : null, HttpContext.RequestAborted) : null;
        var rows = kept is { } total ? await ordered.ToPagedAsync(page, Paging.Size(size), total) : await ordered.ToPagedAsync(page, Paging.Size(size));
        var shown = await Projects.ClientChoices.ShownAsync(db, rows.Items.Select(r => new ClientOption(r.ClientId, r.ClientName, r.Currency)), clientId);
        return View(new InvoiceList(rows, q, status, clientId, from, to, shown) { Age = bucket, OpenOnly = openOnly, Today = today });
    }

    /// <summary>Every client that is not archived, as the options of the list's client filter (filter-clients.js asks once the filter is about to be used).</summary>
    [HttpGet]
    public async Task<IActionResult> FilterClients() =>
        Content(OptionList.Html(await ClientOptionsAsync(), c => c.Id, c => c.Name), "text/html");

    /// <summary>The list's filters by text (number or client), status, client and issue dates.</summary>
    private static IQueryable<Invoice> Filtered(IQueryable<Invoice> query, string? q, InvoiceStatus? status, int? clientId, DateOnly? from, DateOnly? to)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim()}%";
            query = query.Where(i => EF.Functions.Like(i.Number!, pattern) || EF.Functions.Like(i.Client!.Name, pattern));
        }
        if (status is { } s && Enum.IsDefined(s)) query = query.Where(i => i.Status == s);
        if (clientId is { } c) query = query.Where(i => i.ClientId == c);
        if (from is { } f) query = query.Where(i => i.IssueDate >= f);
        if (to is { } t) query = query.Where(i => i.IssueDate <= t);
        return query;
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var invoice = await InvoiceDetailsQuery.InvoiceAsync(db, id, HttpContext.RequestAborted);
        if (invoice is null) return NotFound();
        return View(await DetailsAsync(invoice));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? clientId, DateOnly? from, DateOnly? to, int? projectId)
    {
        var settings = await SettingsAsync();
        var today = settings.Today(clock);
        var due = Invoice.DefaultDueDate(today, settings.PaymentTermsDays);
        var form = new InvoiceForm
        {
            ClientId = clientId ?? 0, IssueDate = today, DueDate = due, SuggestedDueDate = due,
            TaxRate = settings.DefaultTaxRate,
            WorkFrom = from, WorkTo = to, WorkProjectId = projectId,
        }.WithBlankRows();
        return View("Edit", await FormPageAsync(form, null, settings));
    }

    [HttpPost]
    public async Task<IActionResult> Create(InvoiceForm form)
    {
        if (!ModelState.IsValid) return View("Edit", await FormPageAsync(form.WithBlankRows(), null, await SettingsAsync()));
        var result = await drafts.CreateAsync(form, HttpContext.RequestAborted);
        if (result.Outcome == DraftOutcome.NotFound) return NotFound();
        if (result.Outcome != DraftOutcome.Saved) return await RefusedAsync(result, form, null);
        var invoice = result.Invoice!;
        TempData["Flash"] = result.WorkLines > 0
            ? $"Draft invoice for {invoice.Client!.Name} saved, with {result.WorkLines} line(s) of unbilled work (now marked as billed on it)."
            : $"Draft invoice for {invoice.Client!.Name} saved.";
        return RedirectToAction(nameof(Details), new { id = invoice.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, DateOnly? from, DateOnly? to)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        if (!invoice.IsEditable)
        {
            TempData["Error"] = $"Invoice {invoice.Number} is {invoice.Status} and locked: only a draft can be edited.";
            return RedirectToAction(nameof(Details), new { id });
        }
        var form = InvoiceForm.From(invoice);
        form.WorkFrom = from;
        form.WorkTo = to;
        return View(await FormPageAsync(form, id, await SettingsAsync(), invoice));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, InvoiceForm form)
    {
        if (!ModelState.IsValid)
        {
            var saved = await LoadAsync(id, tracking: false);
            if (saved is null) return NotFound();
            return View(await FormPageAsync(form.WithBlankRows(), id, await SettingsAsync(), saved));
        }
        var result = await drafts.EditAsync(id, form, HttpContext.RequestAborted);
        if (result.Outcome == DraftOutcome.NotFound) return NotFound();
        if (result.Outcome != DraftOutcome.Saved) return await RefusedAsync(result, form, id);
        TempData["Flash"] = "Draft saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The form again, as typed, with the refusal beside its field (and beside the draft as it is saved now).</summary>
    private async Task<IActionResult> RefusedAsync(DraftResult result, InvoiceForm form, int? id)
    {
        if (result.Outcome == DraftOutcome.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        ModelState.AddModelError(result.Field, result.Message!);
        var saved = id is { } draftId ? await LoadAsync(draftId, tracking: false) : null;
        return View("Edit", await FormPageAsync(form.WithBlankRows(), id, await SettingsAsync(), saved));
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id)
    {
        var result = await drafts.DeleteAsync(id, HttpContext.RequestAborted);
        if (result.Outcome == DraftOutcome.NotFound) return NotFound();
        if (result.Outcome != DraftOutcome.Saved)
        {
            TempData["Error"] = result.Message;
            return RedirectToAction(nameof(Details), new { id });
        }
        TempData["Flash"] = $"The draft for {result.Invoice!.Client?.Name} was deleted.";
        return RedirectToAction(nameof(InvoiceBoardController.Index));
    }

    [HttpGet]
    public async Task<IActionResult> Pdf(int id, [FromServices] InvoiceDocuments documents)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        var bytes = await documents.PdfAsync(invoice, HttpContext.RequestAborted);
        return File(bytes, "application/pdf", InvoiceDocuments.FileName(invoice));
    }

    private Task<Invoice?> LoadAsync(int id, bool tracking) => InvoiceDetailsQuery.WholeAsync(db, id, tracking);

    private async Task<AccountSettings> SettingsAsync() =>
        await account.SettingsAsync();

    private Task<List<ClientOption>> ClientOptionsAsync() => Projects.ClientChoices.AllAsync(db);

    private async Task<InvoiceFormPage> FormPageAsync(InvoiceForm form, int? id, AccountSettings settings, Invoice? invoice = null)
    {
        // The work listed is the chosen client's (the invoice's own client when editing and none is chosen).
        var clientId = form.ClientId > 0 ? form.ClientId : invoice?.ClientId ?? 0;
        var unbilled = clientId > 0 ? await work.UnbilledAsync(clientId, form.WorkFrom, form.WorkTo, HttpContext.RequestAborted, form.WorkProjectId) : null;
        return new InvoiceFormPage(form, await ClientOptionsAsync(), id, settings.PaymentTermsDays)
        {
            Work = unbilled,
            ItemLines = invoice?.Lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).OrderBy(l => l.Position).ToList() ?? [],
            Currency = invoice?.Currency ?? unbilled?.Currency ?? "",
        };
    }

    private async Task<InvoiceDetails> DetailsAsync(Invoice invoice)
    {
        var settings = await SettingsAsync();
        var rows = await InvoiceDetailsQuery.PaymentsAsync(db, invoice.Id, HttpContext.RequestAborted);
        decimal? rate = null;
        if (invoice.IsEditable && invoice.Currency != settings.HomeCurrency)
            rate = await db.LedgerEntries.AsNoTracking().Where(e => e.Currency == invoice.Currency)
                .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Select(e => (decimal?)e.ExchangeRate).FirstOrDefaultAsync();
        // The invoice was loaded as its owner's: its events are that owner's.
        var events = await InvoiceDetailsQuery.EventsAsync(db, invoice.Id, HttpContext.RequestAborted);
        return new InvoiceDetails(invoice, settings, rows, rate) { Today = settings.Today(clock), Events = events };
    }
}
