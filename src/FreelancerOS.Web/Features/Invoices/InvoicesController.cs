using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

public sealed partial class InvoicesController(
    AppDbContext db, TimeProvider clock, CurrentAccount account, InvoiceIssuer issuer, IEnumerable<IInvoiceLifecycleHook> hooks, BilledWork work,
    InvoicePayments payments, InvoiceIssueContext issueContext)
    : Controller
{
    private const string ConflictMessage = "This invoice was changed in another tab or window since you opened this form. " +
                                           "Reload the page to see the current invoice, then make your change again.";

    [HttpGet]
    public async Task<IActionResult> Index(bool showVoid = false) => View("Board", await LoadBoardAsync(showVoid, focus: null));

    private static readonly SortColumns<Invoice> Sorts = new SortColumns<Invoice>(i => i.Id)
        .Add("number", i => i.Number).Add("client", i => i.Client!.Name).Add("status", i => i.Status)
        .Add("issued", i => i.IssueDate).Add("due", i => i.DueDate).Add("currency", i => i.Currency);

    [HttpGet]
    public async Task<IActionResult> List(string? q, InvoiceStatus? status, int? clientId, DateOnly? from, DateOnly? to, string? age, string? sort, string? dir, int? size, int page = 1)
    {
        var today = (await SettingsAsync()).Today(clock);
        var query = db.Invoices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim()}%";
            query = query.Where(i => EF.Functions.Like(i.Number!, pattern) || EF.Functions.Like(i.Client!.Name, pattern));
        }
        if (status is { } s && Enum.IsDefined(s)) query = query.Where(i => i.Status == s);
        if (clientId is { } c) query = query.Where(i => i.ClientId == c);
        if (from is { } f) query = query.Where(i => i.IssueDate >= f);
        if (to is { } t) query = query.Where(i => i.IssueDate <= t);
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
        var rows = await Sorts.Apply(query, Sorts.Parse(sort, dir), x => x.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id))
            .Select(i => new InvoiceListRow(i.Id, i.Number, i.Status, i.IssueDate, i.DueDate, i.ClientId, i.Client!.Name, i.Currency, i.Total, i.AmountPaid))
            .ToPagedAsync(page, Paging.Size(size));
        return View(new InvoiceList(rows, q, status, clientId, from, to, await ClientOptionsAsync()) { Age = bucket, OpenOnly = openOnly, Today = today });
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        return View(await DetailsAsync(invoice));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? clientId, DateOnly? from, DateOnly? to)
    {
        var settings = await SettingsAsync();
        var today = settings.Today(clock);
        var form = new InvoiceForm
        {
            ClientId = clientId ?? 0, IssueDate = today, DueDate = Invoice.DefaultDueDate(today, settings.PaymentTermsDays),
            WorkFrom = from, WorkTo = to,
        }.WithBlankRows();
        return View("Edit", await FormPageAsync(form, null, settings));
    }

    /// <summary>
    /// A new draft with its free lines and the unbilled work ticked on the form: the draft is saved and
    /// its items taken in one transaction, so either all of it is saved or nothing.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Create(InvoiceForm form)
    {
        var settings = await SettingsAsync();
        var client = form.ClientId > 0 ? await db.Clients.SingleOrDefaultAsync(c => c.Id == form.ClientId) : null;
        if (form.ClientId > 0 && client is null) ModelState.AddModelError(nameof(form.ClientId), "Choose one of your clients.");
        if (!ModelState.IsValid) return View("Edit", await FormPageAsync(form.WithBlankRows(), null, settings));

        var picked = await work.ResolveAsync(form.Pick, client!.Id, HttpContext.RequestAborted);
        if (picked.NotFound) return NotFound();
        if (picked.Refusal is not null) ModelState.AddModelError("Work", picked.Refusal);
        if (!ModelState.IsValid) return View("Edit", await FormPageAsync(form.WithBlankRows(), null, settings));

        try
        {
            var issue = form.IssueDate!.Value;
            var invoice = Invoice.CreateDraft(client, issue, form.DueDate ?? Invoice.DefaultDueDate(issue, settings.PaymentTermsDays),
                form.TaxRate, form.Notes, clock.GetUtcNow());
            var itemLines = invoice.AddLines(picked.Lines.Select(l => l.Item).ToList());
            invoice.AddLines(form.ToItems(invoice.Currency));
            await work.SaveNewDraftAsync(invoice, itemLines.Zip(picked.Lines).ToList(), HttpContext.RequestAborted);
            TempData["Flash"] = itemLines.Count > 0
                ? $"Draft invoice for {client.Name} saved, with {itemLines.Count} line(s) of unbilled work (now marked as billed on it)."
                : $"Draft invoice for {client.Name} saved.";
            return RedirectToAction(nameof(Details), new { id = invoice.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is "Lines" && picked.Lines.Count > 0 ? "Work" : e.Field ?? "", e.Message);
        }
        catch (AlreadyBilledException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Work", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return View("Edit", await FormPageAsync(form.WithBlankRows(), null, settings));
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

    /// <summary>
    /// Saves the draft: terms, free lines, lines taken off (their items become unbilled again) and newly
    /// ticked work (taken with a conditional update), all in one transaction.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Edit(int id, InvoiceForm form)
    {
        var invoice = await LoadAsync(id, tracking: true);
        if (invoice is null) return NotFound();
        var settings = await SettingsAsync();
        if (!invoice.IsEditable)
        {
            ModelState.AddModelError("", $"Invoice {invoice.Number} is {invoice.Status} and locked: only a draft can be edited. Nothing was changed.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(await FormPageAsync(form.WithBlankRows(), id, settings, invoice));
        }
        var client = form.ClientId > 0 ? await db.Clients.SingleOrDefaultAsync(c => c.Id == form.ClientId) : null;
        if (form.ClientId > 0 && client is null) ModelState.AddModelError(nameof(form.ClientId), "Choose one of your clients.");
        if (!ModelState.IsValid) return View(await FormPageAsync(form.WithBlankRows(), id, settings, invoice));
        var picked = await work.ResolveAsync(form.Pick, client!.Id, HttpContext.RequestAborted);
        if (picked.NotFound) return NotFound();
        if (picked.Refusal is not null)
        {
            ModelState.AddModelError("Work", picked.Refusal);
            return View(await FormPageAsync(form.WithBlankRows(), id, settings, invoice));
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
            db.Entry(invoice).Property(i => i.Version).OriginalValue = form.Version;
            var removed = invoice.RemoveLines(form.RemoveLineIds.Where(l => invoice.Lines.Any(x => x.Id == l && x.SourceKind != InvoiceLineSourceKind.Free)).ToList());
            await work.ReleaseLinesAsync(invoice.Id, removed, HttpContext.RequestAborted);
            var issue = form.IssueDate!.Value;
            if (client.Id != invoice.ClientId) invoice.SetClient(client);
            invoice.SetTerms(issue, form.DueDate ?? Invoice.DefaultDueDate(issue, settings.PaymentTermsDays), form.TaxRate, form.Notes);
            invoice.ReplaceFreeLines(form.ToItems(invoice.Currency));
            var itemLines = invoice.AddLines(picked.Lines.Select(l => l.Item).ToList());
            await db.SaveChangesAsync();
            await work.ClaimAsync(invoice.Id, itemLines.Zip(picked.Lines).ToList(), HttpContext.RequestAborted);
            await tx.CommitAsync(HttpContext.RequestAborted);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is "Lines" && picked.Lines.Count > 0 ? "Work" : e.Field ?? "", e.Message);
            return View(await FormPageAsync(form.WithBlankRows(), id, settings, await LoadAsync(id, tracking: false)));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ConflictMessage);
            return View(await FormPageAsync(form.WithBlankRows(), id, settings, await LoadAsync(id, tracking: false)));
        }
        catch (AlreadyBilledException e)
        {
            ModelState.AddModelError("Work", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(await FormPageAsync(form.WithBlankRows(), id, settings, await LoadAsync(id, tracking: false)));
        }
        TempData["Flash"] = "Draft saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id)
    {
        var invoice = await LoadAsync(id, tracking: true);
        if (invoice is null) return NotFound();
        try
        {
            invoice.EnsureDeletable();
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
            return RedirectToAction(nameof(Details), new { id });
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var hook in hooks) await hook.OnDraftDeletingAsync(invoice, HttpContext.RequestAborted);
        db.Invoices.Remove(invoice);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Flash"] = $"The draft for {invoice.Client?.Name} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Issue(int id, string? exchangeRate)
    {
        if (!string.IsNullOrWhiteSpace(exchangeRate))
        {
            if (!decimal.TryParse(exchangeRate.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.CurrentCulture, out var rate)
                && !decimal.TryParse(exchangeRate.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out rate))
            {
                TempData["Error"] = "The exchange rate must be a number, such as 0.92. Nothing was issued.";
                return RedirectToAction(nameof(Details), new { id });
            }
            issueContext.ExchangeRate = rate;
        }
        try
        {
            var (outcome, invoice) = await issuer.IssueAsync(id, HttpContext.RequestAborted);
            if (outcome == IssueOutcome.NotFound) return NotFound();
            TempData["Flash"] = $"Issued as {invoice!.Number}. It is locked now; download the PDF to send it.";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Void(int id)
    {
        var invoice = await LoadAsync(id, tracking: true);
        if (invoice is null) return NotFound();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            invoice.Void(clock.GetUtcNow());
            foreach (var hook in hooks) await hook.OnVoidedAsync(invoice, HttpContext.RequestAborted);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            TempData["Flash"] = $"{invoice.Number} is void. Its number stays used.";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = "This invoice was changed meanwhile; nothing was voided. Look at it again.";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Pdf(int id)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        var bytes = InvoicePdf.Render(InvoicePdfModel.From(invoice, await SettingsAsync()));
        var name = invoice.Number ?? $"draft-{invoice.IssueDate:yyyy-MM-dd}-{invoice.Id}";
        return File(bytes, "application/pdf", $"{name}.pdf");
    }

    /// <summary>
    /// The board's drop: the column's status and its card ids. A card that arrives from another column
    /// makes that move (Draft → Sent issues it); a move that is not allowed is answered 409 with the
    /// reason, and the board puts the card back.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Sort(InvoiceStatus status, List<string>? ids, bool showVoid = false)
    {
        if (!ModelState.IsValid || !InvoiceStatuses.Board.Contains(status)) return BadRequest();
        var order = BoardIds.Parse(ids);
        if (order is null) return BadRequest();
        var moved = await db.Invoices.AsNoTracking().Where(i => order.Contains(i.Id) && i.Status != status).Select(i => i.Id).ToListAsync();
        foreach (var id in moved)
        {
            var refusal = await MoveAsync(id, status);
            if (refusal is not null) return Refused(refusal);
        }
        if (status == InvoiceStatus.Paid && moved.Count > 0)
        {
            // A card dropped on Paid asks for the payment: the form tells what came in, how and when.
            var url = Url.Action(nameof(Payment), new { id = moved[0] })!;
            if (!Request.IsHtmx()) return Redirect(url);
            Response.Headers["HX-Redirect"] = url;
            return Ok();
        }
        return Request.IsHtmx() ? PartialView("_Board", await LoadBoardAsync(showVoid, focus: null)) : RedirectToAction(nameof(Index));
    }

    /// <summary>The keyboard way: a status select on the card.</summary>
    [HttpPost]
    public async Task<IActionResult> Move(int id, InvoiceStatus status, bool showVoid = false)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == id)) return NotFound();
        if (!ModelState.IsValid || !InvoiceStatuses.Board.Contains(status)) return BadRequest();
        var refusal = await MoveAsync(id, status);
        if (refusal is null && status == InvoiceStatus.Paid && await db.Invoices.AnyAsync(i => i.Id == id && i.Status != InvoiceStatus.Paid))
        {
            var url = Url.Action(nameof(Payment), new { id })!;
            if (!Request.IsHtmx()) return Redirect(url);
            Response.Headers["HX-Redirect"] = url;
            return Ok();
        }
        if (Request.IsHtmx())
            return refusal is null ? PartialView("_Board", await LoadBoardAsync(showVoid, focus: id)) : Refused(refusal);
        if (refusal is null) TempData["Flash"] = "Invoice moved.";
        else TempData["Error"] = refusal;
        return RedirectToAction(nameof(Index), new { showVoid });
    }

    /// <summary>Makes one board move; returns why it was refused, or null.</summary>
    private async Task<string?> MoveAsync(int id, InvoiceStatus target)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Client).SingleOrDefaultAsync(i => i.Id == id);
        if (invoice is null) return "That invoice no longer exists.";
        if (invoice.WhyNotMoveTo(target) is { } why) return $"{Label(invoice)}: {why}";
        if (invoice.Status == target) return null;
        if (target == InvoiceStatus.Paid) return null; // the caller sends the user to the payment form
        try
        {
            // Draft → Sent is the only move the board makes by itself; → Paid opens the payment form.
            await issuer.IssueAsync(id, HttpContext.RequestAborted);
            return null;
        }
        catch (DomainException e)
        {
            return $"{Label(invoice)}: {e.Message}";
        }
    }

    private static string Label(Invoice i) => i.Number ?? $"The draft for {i.Client?.Name}";

    private ObjectResult Refused(string message)
    {
        // Header values must be ASCII; site.js decodes this.
        Response.Headers["X-Message"] = Uri.EscapeDataString(message);
        return StatusCode(StatusCodes.Status409Conflict, message);
    }

    private Task<Invoice?> LoadAsync(int id, bool tracking)
    {
        var query = db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(i => i.Id == id);
    }

    private async Task<AccountSettings> SettingsAsync() =>
        await account.SettingsAsync();

    private Task<List<ClientOption>> ClientOptionsAsync() =>
        db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived).OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name, c.Currency)).ToListAsync();

    private async Task<InvoiceFormPage> FormPageAsync(InvoiceForm form, int? id, AccountSettings settings, Invoice? invoice = null)
    {
        // The work listed is the chosen client's (the invoice's own client when editing and none is chosen).
        var clientId = form.ClientId > 0 ? form.ClientId : invoice?.ClientId ?? 0;
        db.ChangeTracker.Clear();
        var unbilled = clientId > 0 ? await work.UnbilledAsync(clientId, form.WorkFrom, form.WorkTo, HttpContext.RequestAborted) : null;
        return new InvoiceFormPage(form, await ClientOptionsAsync(), id, settings.PaymentTermsDays)
        {
            Work = unbilled,
            ItemLines = invoice?.Lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).OrderBy(l => l.Position).ToList() ?? [],
            Currency = invoice?.Currency ?? unbilled?.Currency ?? "",
        };
    }

    private async Task<InvoiceBoard> LoadBoardAsync(bool showVoid, int? focus)
    {
        var settings = await SettingsAsync();
        var homeCurrency = settings.HomeCurrency;
        var statuses = showVoid ? InvoiceStatuses.Board.Append(InvoiceStatus.Void).ToList() : InvoiceStatuses.Board.ToList();
        var totals = await db.Invoices.AsNoTracking()
            .Where(i => statuses.Contains(i.Status))
            .GroupBy(i => new { i.Status, i.Currency })
            .Select(g => new StatusTotal(g.Key.Status, g.Key.Currency, g.Sum(i => i.Total), g.Count()) { Paid = g.Sum(i => i.AmountPaid) })
            .ToListAsync();
        var columns = new List<InvoiceColumn>();
        foreach (var status in statuses)
        {
            // Open invoices by due date (the most urgent first); paid and void ones most recent first.
            var query = db.Invoices.AsNoTracking().Where(i => i.Status == status);
            query = status is InvoiceStatus.Paid or InvoiceStatus.Void
                ? query.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
                : query.OrderBy(i => i.DueDate).ThenBy(i => i.Id);
            var cards = await query.Take(InvoiceBoard.CardsPerColumn)
                .Select(i => new InvoiceCard(i.Id, i.Status, i.Number, i.IssueDate, i.DueDate, i.Client!.Name, i.Currency, i.Total, i.AmountPaid))
                .ToListAsync();
            columns.Add(new InvoiceColumn(status, cards, totals.Where(t => t.Status == status)
                .OrderBy(t => t.Currency == homeCurrency ? 0 : 1).ThenBy(t => t.Currency).ToList()));
        }
        return new InvoiceBoard(columns, homeCurrency, showVoid, focus) { Today = settings.Today(clock) };
    }

}
