using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

public sealed class InvoicesController(
    AppDbContext db, TimeProvider clock, CurrentAccount account, InvoiceIssuer issuer, DraftInvoices drafts, BilledWork work)
    : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(bool showVoid = false, bool allPaid = false) =>
        View("Board", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: null));

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
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Issue(int id, string? exchangeRate, bool sendByEmail, [FromServices] IInvoiceSender sender)
    {
        decimal? rate = null;
        if (!string.IsNullOrWhiteSpace(exchangeRate))
        {
            if (!decimal.TryParse(exchangeRate.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.CurrentCulture, out var typed)
                && !decimal.TryParse(exchangeRate.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out typed))
            {
                TempData["Error"] = "The exchange rate must be a number, such as 0.92. Nothing was issued.";
                return RedirectToAction(nameof(Details), new { id });
            }
            rate = typed;
        }
        try
        {
            var (outcome, invoice) = await issuer.IssueAsync(id, rate, HttpContext.RequestAborted);
            if (outcome == IssueOutcome.NotFound) return NotFound();
            TempData["Flash"] = $"Issued as {invoice!.Number}. It is locked now; download the PDF or send it by e-mail.";
            if (sendByEmail)
            {
                var problem = await sender.QueueOnIssueAsync(invoice, $"{Request.Scheme}://{Request.Host}{Request.PathBase}/", HttpContext.RequestAborted);
                if (problem is null) TempData["Flash"] = $"Issued as {invoice.Number} and being e-mailed to {invoice.Client?.Email}; the history shows when it has gone.";
                else TempData["Error"] = $"Issued as {invoice.Number}. {problem}";
            }
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
        try
        {
            var (outcome, invoice) = await issuer.VoidAsync(id, HttpContext.RequestAborted);
            if (outcome == IssueOutcome.NotFound) return NotFound();
            TempData["Flash"] = $"{invoice!.Number} is void. Its number stays used.";
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
    public async Task<IActionResult> Pdf(int id, [FromServices] InvoiceDocuments documents)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        var bytes = await documents.PdfAsync(invoice, HttpContext.RequestAborted);
        return File(bytes, "application/pdf", InvoiceDocuments.FileName(invoice));
    }

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(InvoiceStatus status, bool allPaid = false, int skip = 0)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(status) || skip < 0) return BadRequest();
        var view = new BoardView(status == InvoiceStatus.Void, allPaid);
        var today = (await SettingsAsync()).Today(clock);
        var cards = await Ordered(OnBoard(view, today), status).Skip(skip).Take(Boards.CardsPerColumn).Select(CardOf).ToListAsync();
        var count = await OnBoard(view, today).CountAsync(i => i.Status == status);
        return PartialView("_InvoiceCards", new InvoiceCards(status, view, cards, skip + cards.Count, count, today));
    }

    /// <summary>
    /// The board's drop: the column's status and its card ids. A card that arrives from another column
    /// makes that move (Draft → Sent issues it); a move that is not allowed is answered 409 with the
    /// reason, and the board puts the card back. A saved move answers with the changed columns only.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Sort(InvoiceStatus status, List<string>? ids, bool showVoid = false, bool allPaid = false)
    {
        if (!ModelState.IsValid || !InvoiceStatuses.Board.Contains(status)) return BadRequest();
        var order = BoardIds.Parse(ids);
        if (order is null) return BadRequest();
        var moved = await db.Invoices.AsNoTracking().Where(i => order.Contains(i.Id) && i.Status != status)
            .Select(i => new { i.Id, i.Status }).ToListAsync();
        foreach (var card in moved)
        {
            var refusal = await MoveAsync(card.Id, status);
            if (refusal is not null) return this.Refused(refusal);
        }
        if (status == InvoiceStatus.Paid && moved.Count > 0) return ToPayment(moved[0].Id);
        if (!Request.IsHtmx()) return RedirectToAction(nameof(Index));
        Response.Saved(moved.Count == 0 ? "Nothing to change." : status == InvoiceStatus.Sent ? "Issued: the invoice has its number and is locked." : $"Moved to {status}.");
        return PartialView("_Columns", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: null, [status, .. moved.Select(m => m.Status)]));
    }

    /// <summary>The keyboard way: the card's move menu.</summary>
    [HttpPost]
    public async Task<IActionResult> Move(int id, InvoiceStatus status, bool showVoid = false, bool allPaid = false)
    {
        var from = await db.Invoices.Where(i => i.Id == id).Select(i => (InvoiceStatus?)i.Status).SingleOrDefaultAsync();
        if (from is null) return NotFound();
        if (!ModelState.IsValid || !InvoiceStatuses.Board.Contains(status)) return BadRequest();
        var refusal = await MoveAsync(id, status);
        if (refusal is null && status == InvoiceStatus.Paid && from != InvoiceStatus.Paid) return ToPayment(id);
        if (Request.IsHtmx())
        {
            if (refusal is not null) return this.Refused(refusal);
            Response.Saved(status == InvoiceStatus.Sent && from == InvoiceStatus.Draft ? "Issued: the invoice has its number and is locked." : $"Moved to {status}.");
            return PartialView("_Columns", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: id, [status, from.Value]));
        }
        if (refusal is null) TempData["Flash"] = "Invoice moved.";
        else TempData["Error"] = refusal;
        return RedirectToAction(nameof(Index), new { showVoid, allPaid });
    }

    /// <summary>A card dropped on Paid asks for the payment: the form tells what came in, how and when.</summary>
    private IActionResult ToPayment(int id)
    {
        var url = Url.Action(nameof(InvoicePaymentsController.Payment), new { id })!;
        if (!Request.IsHtmx()) return Redirect(url);
        Response.Headers["HX-Redirect"] = url;
        return Ok();
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
            await issuer.IssueAsync(id, exchangeRate: null, HttpContext.RequestAborted);
            return null;
        }
        catch (DomainException e)
        {
            return $"{Label(invoice)}: {e.Message}";
        }
    }

    private static string Label(Invoice i) => i.Number ?? $"The draft for {i.Client?.Name}";

    private Task<Invoice?> LoadAsync(int id, bool tracking) => InvoiceDetailsQuery.WholeAsync(db, id, tracking);

    private async Task<AccountSettings> SettingsAsync() =>
        await account.SettingsAsync();

    private Task<List<ClientOption>> ClientOptionsAsync() =>
        db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived).OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name, c.Currency)).ToListAsync();

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

    /// <summary>
    /// What the board shows: open work always; paid invoices of the last quarter (all with allPaid); void ones
    /// only on request. Closed work stays in the list, so the board does not grow with the years.
    /// </summary>
    private IQueryable<Invoice> OnBoard(BoardView view, DateOnly today)
    {
        var paidSince = view.AllPaid ? DateOnly.MinValue : InvoiceBoard.PaidShownSince(today);
        return db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft || i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue
                                                     || (i.Status == InvoiceStatus.Paid && i.IssueDate >= paidSince)
                                                     || (view.ShowVoid && i.Status == InvoiceStatus.Void));
    }

    // Open invoices by due date (the most urgent first); paid and void ones most recent first.
    private static IQueryable<Invoice> Ordered(IQueryable<Invoice> query, InvoiceStatus status)
    {
        query = query.Where(i => i.Status == status);
        return status is InvoiceStatus.Paid or InvoiceStatus.Void
            ? query.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            : query.OrderBy(i => i.DueDate).ThenBy(i => i.Id);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Invoice, InvoiceCard>> CardOf =
        i => new InvoiceCard(i.Id, i.Status, i.Number, i.IssueDate, i.DueDate, i.Client!.Name, i.Currency, i.Total, i.AmountPaid);

    /// <summary>The board, or only the given columns: counts and totals in one grouped query, the first cards of each column in one more.</summary>
    private async Task<InvoiceBoard> LoadBoardAsync(BoardView view, int? focus, IReadOnlyList<InvoiceStatus>? only = null)
    {
        var settings = await SettingsAsync();
        var homeCurrency = settings.HomeCurrency;
        var today = settings.Today(clock);
        var statuses = InvoiceStatuses.Board.Append(InvoiceStatus.Void)
            .Where(s => (s != InvoiceStatus.Void || view.ShowVoid) && (only is null || only.Contains(s))).ToList();
        var totals = await OnBoard(view, today)
            .Where(i => statuses.Contains(i.Status))
            .GroupBy(i => new { i.Status, i.Currency })
            .Select(g => new StatusTotal(g.Key.Status, g.Key.Currency, g.Sum(i => i.Total), g.Count()) { Paid = g.Sum(i => i.AmountPaid) })
            .ToListAsync();
        var rows = await Boards.FirstOfEach(statuses.Select(s => Ordered(OnBoard(view, today), s))).Select(CardOf).ToListAsync();
        var columns = statuses.Select(status => new InvoiceColumn(status, InvoiceBoard.InColumnOrder(rows, status),
                totals.Where(t => t.Status == status).OrderBy(t => t.Currency == homeCurrency ? 0 : 1).ThenBy(t => t.Currency).ToList())
            { OutOfBand = only is not null, FocusInvoiceId = focus, View = view, Today = today, HomeCurrency = homeCurrency }).ToList();
        var olderPaid = only is null && !view.AllPaid
            ? await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Paid && i.IssueDate < InvoiceBoard.PaidShownSince(today)) : 0;
        return new InvoiceBoard(columns, homeCurrency, view.ShowVoid, focus) { Today = today, AllPaid = view.AllPaid, OlderPaid = olderPaid };
    }

    private async Task<InvoiceDetails> DetailsAsync(Invoice invoice)
    {
        var settings = await SettingsAsync();
        var rows = await db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoice.Id)
            .OrderBy(i => i.PaymentModeId == null).ThenBy(i => i.Date).ThenBy(i => i.Id)
            .Select(i => new InvoicePaymentRow(i.Id, i.Date, i.Amount, i.Currency, i.PaymentMode != null ? i.PaymentMode.Name : null))
            .ToListAsync();
        decimal? rate = null;
        if (invoice.IsEditable && invoice.Currency != settings.HomeCurrency)
            rate = await db.LedgerEntries.AsNoTracking().Where(e => e.Currency == invoice.Currency)
                .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Select(e => (decimal?)e.ExchangeRate).FirstOrDefaultAsync();
        // Only the sends, reminders and views of an issued invoice; the query filter does not apply to events,
        // so they are read through the invoice the caller already loaded as its owner.
        var events = await db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == invoice.Id)
            .OrderBy(e => e.Id).Take(200).ToListAsync();
        return new InvoiceDetails(invoice, settings, rows, rate) { Today = settings.Today(clock), Events = events };
    }
}
