using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The invoice board (/invoices): its columns, a drop and the keyboard's move. A move between columns is a
/// lifecycle step (Draft → Sent issues, → Paid asks for the payment); see docs/decisions/012.
/// </summary>
[UrlSegment("Invoices")]
public sealed class InvoiceBoardController(AppDbContext db, TimeProvider clock, CurrentAccount account, InvoiceIssuer issuer) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(bool showVoid = false, bool allPaid = false) =>
        View("Board", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: null));

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(InvoiceStatus status, bool allPaid = false, int skip = 0)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(status) || skip < 0) return BadRequest();
        var view = new BoardView(status == InvoiceStatus.Void, allPaid);
        var today = (await SettingsAsync()).Today(clock);
        var cards = await Ordered(InColumn(view, today, status), status).Skip(skip).Take(Boards.CardsPerColumn).Select(CardOf).ToListAsync();
        var count = await InColumn(view, today, status).CountAsync();
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
        var changed = await ChangedColumnsAsync(status, moved.Select(m => m.Id).ToList(), moved.Select(m => m.Status));
        return PartialView("_Columns", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: null, changed));
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
            return PartialView("_Columns", await LoadBoardAsync(new BoardView(showVoid, allPaid), focus: id, await ChangedColumnsAsync(status, [id], [from.Value])));
        }
        if (refusal is null) TempData["Flash"] = "Invoice moved.";
        else TempData["Error"] = refusal;
        return RedirectToAction(nameof(Index), new { showVoid, allPaid });
    }

    /// <summary>
    /// The columns a move changed: the target, where the cards came from, and where they are now (a draft issued
    /// past its due date lands in Overdue, not in the Sent column it was dropped on).
    /// </summary>
    private async Task<List<InvoiceStatus>> ChangedColumnsAsync(InvoiceStatus target, IReadOnlyCollection<int> ids, IEnumerable<InvoiceStatus> from)
    {
        List<InvoiceStatus> now = ids.Count == 0 ? [] : await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => i.Status).ToListAsync();
        return [target, .. from, .. now];
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

    private async Task<AccountSettings> SettingsAsync() => await account.SettingsAsync();

    /// <summary>
    /// What one column of the board shows: open work always; paid invoices of the last quarter (all with allPaid); void
    /// ones (the caller asks for that column only with showVoid). Closed work stays in the list, so the board does not
    /// grow with the years. One status per query, so that each column is one range of the status index: a predicate
    /// over several statuses with a date on one of them ("Status IN (0,1,2) OR (Status = 3 AND IssueDate >= @d)")
    /// makes SQLite walk every paid invoice.
    /// </summary>
    private IQueryable<Invoice> InColumn(BoardView view, DateOnly today, InvoiceStatus status)
    {
        var query = db.Invoices.AsNoTracking().Where(i => i.Status == status);
        if (status != InvoiceStatus.Paid || view.AllPaid) return query;
        var paidSince = InvoiceBoard.PaidShownSince(today);
        return query.Where(i => i.IssueDate >= paidSince);
    }

    // Open invoices by due date (the most urgent first); paid and void ones most recent first.
    private static IQueryable<Invoice> Ordered(IQueryable<Invoice> query, InvoiceStatus status) =>
        status is InvoiceStatus.Paid or InvoiceStatus.Void
            ? query.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id)
            : query.OrderBy(i => i.DueDate).ThenBy(i => i.Id);

    private static readonly System.Linq.Expressions.Expression<Func<Invoice, InvoiceCard>> CardOf =
        i => new InvoiceCard(i.Id, i.Status, i.Number, i.IssueDate, i.DueDate, i.Client!.Name, i.Currency, i.Total, i.AmountPaid);

    /// <summary>
    /// The board, or only the given columns. Counts and totals: the kept ones for the columns that grow with the years (drafts,
    /// void, every paid invoice), summed from the invoices for the open ones (Sent and Overdue, kept together, told apart by
    /// status) and the last quarter's paid (a range of dates), in one grouped query; the first cards of each column in one more
    /// (InvoiceBoardQueries).
    /// </summary>
    private async Task<InvoiceBoard> LoadBoardAsync(BoardView view, int? focus, IReadOnlyList<InvoiceStatus>? only = null)
    {
        var settings = await SettingsAsync();
        var homeCurrency = settings.HomeCurrency;
        var today = settings.Today(clock);
        var ct = HttpContext.RequestAborted;
        var statuses = InvoiceStatuses.Board.Append(InvoiceStatus.Void)
            .Where(s => (s != InvoiceStatus.Void || view.ShowVoid) && (only is null || only.Contains(s))).ToList();
        var paidSince = view.AllPaid ? DateOnly.MinValue : InvoiceBoard.PaidShownSince(today);
        var kept = await InvoiceBoardQueries.KeptAsync(db, ct);
        bool Summed(InvoiceStatus s) => s is InvoiceStatus.Sent or InvoiceStatus.Overdue || (s == InvoiceStatus.Paid && !view.AllPaid);
        // One statement: a grouped part per summed column (UNION ALL), each an index range of its own status.
        var summed = (await InvoiceBoardQueries.SumsAsync(db, InvoiceBoardQueries.Columns.Of(statuses.Where(Summed).ToList()), paidSince, ct))
            .Select(t => new StatusTotal(t.Status, t.Currency, t.Total, t.Count) { Paid = t.Paid }).ToList();
        var totals = summed.Concat(kept.Where(k => statuses.Contains(k.Status) && !Summed(k.Status))
            .Select(k => new StatusTotal(k.Status, k.Currency, InvoiceStatusTotal.AmountOf(k.TotalUnits), k.Count))).ToList();
        var rows = await InvoiceBoardQueries.FirstCardsAsync(db, InvoiceBoardQueries.Columns.Of(statuses), paidSince, ct);
        var columns = statuses.Select(status => new InvoiceColumn(status, InvoiceBoard.InColumnOrder(rows, status),
                totals.Where(t => t.Status == status).OrderBy(t => t.Currency == homeCurrency ? 0 : 1).ThenBy(t => t.Currency).ToList())
            { OutOfBand = only is not null, FocusInvoiceId = focus, View = view, Today = today, HomeCurrency = homeCurrency }).ToList();
        // Paid off the board: every paid invoice (kept) but those of the last quarter (summed above).
        var olderPaid = only is null && !view.AllPaid
            ? kept.Where(k => k.Status == InvoiceStatus.Paid).Sum(k => k.Count) - summed.Where(t => t.Status == InvoiceStatus.Paid).Sum(t => t.Count) : 0;
        return new InvoiceBoard(columns, homeCurrency, view.ShowVoid, focus) { Today = today, AllPaid = view.AllPaid, OlderPaid = olderPaid };
    }
}
