using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

public sealed class ClientsController(AppDbContext db, CurrentAccount account) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index() => View("Pipeline", await LoadBoardAsync(focus: null));

    private static readonly SortColumns<Client> Sorts = new SortColumns<Client>(c => c.Id)
        .Add("name", c => c.Name).Add("company", c => c.Company).Add("email", c => c.Email).Add("stage", c => c.Stage);

    [HttpGet]
    public async Task<IActionResult> List(string? q, ClientStage? stage, string? sort, string? dir, int? size, int page = 1)
    {
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim()}%";
            query = query.Where(c => EF.Functions.Like(c.Name, pattern) || EF.Functions.Like(c.Company!, pattern)
                                     || EF.Functions.Like(c.Email!, pattern) || EF.Functions.Like(c.ContactPerson!, pattern));
        }
        if (stage is { } s && Enum.IsDefined(s)) query = query.Where(c => c.Stage == s);
        var rows = await Sorts.Apply(query, Sorts.Parse(sort, dir), x => x.OrderBy(c => c.Name).ThenBy(c => c.Id))
            .Select(c => new ClientListRow(c.Id, c.Name, c.Company, c.Email, c.Stage, c.Currency, c.ContractValue))
            .ToPagedAsync(page, Paging.Size(size));
        return View(new ClientList(rows, q, stage));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        var (invoiced, otherCurrencies) = await InvoicedByCurrencyAsync(client);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.ClientId == id)
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(ClientDetails.InvoicesShown)
            .Select(i => new ClientInvoiceRow(i.Id, i.Number, i.Status, i.IssueDate, i.DueDate, i.Currency, i.Total))
            .ToListAsync();
        return View(new ClientDetails(client, invoiced) { Invoices = invoices, InvoicedInOtherCurrencies = otherCurrencies });
    }

    [HttpGet]
    public async Task<IActionResult> Create(ClientStage stage = ClientStage.Lead)
    {
        var currency = (await account.SettingsAsync()).HomeCurrency;
        return View(new ClientForm { Currency = currency, Stage = Enum.IsDefined(stage) ? stage : ClientStage.Lead });
    }

    [HttpPost]
    public async Task<IActionResult> Create(ClientForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var client = new Client();
        form.ApplyTo(client);
        client.MoveTo(form.Stage, await NextSortOrderAsync(form.Stage));
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{client.Name} was added to {client.Stage}.";
        return RedirectToAction(nameof(Details), new { id = client.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        ViewData["CurrencyFixed"] = await ClientCurrency.WhyFixedAsync(db, id);
        return View(ClientForm.From(client));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ClientForm form)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        var fixedWhy = await ClientCurrency.WhyFixedAsync(db, id);
        ViewData["CurrencyFixed"] = fixedWhy;
        if (fixedWhy is not null && ClientCurrency.Changes(client, form.Currency))
            ModelState.AddModelError(nameof(form.Currency), $"The currency stays {client.Currency}. {fixedWhy}");
        if (!ModelState.IsValid) return View(form);

        db.Entry(client).Property(c => c.Version).OriginalValue = form.Version;
        form.ApplyTo(client);
        if (client.Stage != form.Stage) client.MoveTo(form.Stage, await NextSortOrderAsync(form.Stage));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This client was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current details, then make your change again.");
            return View(form);
        }
        TempData["Flash"] = "Client saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Archive(int id)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        client.Archive();
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{client.Name} was archived. You find it under Archived.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Restore(int id)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        if (client.Stage != ClientStage.Archived) return RedirectToAction(nameof(Details), new { id });
        client.Restore(await NextSortOrderAsync(client.StageBeforeArchive ?? ClientStage.Lead));
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{client.Name} is back in {client.Stage}.";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(ClientStage stage, int skip = 0)
    {
        if (!ModelState.IsValid || !ClientStages.Board.Contains(stage) || skip < 0) return BadRequest();
        var cards = await CardsAsync(Ordered(stage).Skip(skip).Take(Boards.CardsPerColumn));
        var count = await db.Clients.CountAsync(c => c.Stage == stage);
        return PartialView("_ClientCards", new PipelineCards(stage, cards, skip + cards.Count, count));
    }

    /// <summary>
    /// What the board posts when a card is dropped: the column's stage and its card ids in their new
    /// order. The answer is the columns that changed (swapped out of band) and a line to announce.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Sort(ClientStage stage, List<string>? ids)
    {
        if (!ModelState.IsValid || !ClientStages.Board.Contains(stage)) return BadRequest();
        var order = BoardIds.Parse(ids);
        if (order is null) return BadRequest();

        var cards = await db.Clients.Where(c => order.Contains(c.Id) || c.Stage == stage).ToListAsync();
        if (order.Any(id => cards.All(c => c.Id != id)) || cards.Any(c => order.Contains(c.Id) && c.Stage == ClientStage.Archived)) return NotFound();
        var changed = BoardOrder.Apply(cards, order, stage);
        await db.SaveChangesAsync();

        if (!Request.IsHtmx()) return RedirectToAction(nameof(Index));
        Response.Saved(changed.Count > 1 ? $"Moved to {stage}." : $"Order of {stage} saved.");
        return PartialView("_Columns", await LoadBoardAsync(focus: null, changed));
    }

    /// <summary>The keyboard way to move a card: the card's move menu or the detail page; the card goes last in its new column.</summary>
    [HttpPost]
    public async Task<IActionResult> Move(int id, ClientStage stage, string? returnTo)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        if (!ModelState.IsValid || !ClientStages.Board.Contains(stage)) return BadRequest();
        var from = client.Stage;
        if (client.Stage != stage)
        {
            client.MoveTo(stage, await NextSortOrderAsync(stage));
            await db.SaveChangesAsync();
        }
        var message = $"{client.Name} moved to {client.Stage}.";
        if (Request.IsHtmx())
        {
            Response.Saved(message);
            return PartialView("_Columns", await LoadBoardAsync(focus: id, [stage, from]));
        }
        TempData["Flash"] = message;
        return returnTo == "details" ? RedirectToAction(nameof(Details), new { id }) : RedirectToAction(nameof(Index));
    }

    private IQueryable<Client> Ordered(ClientStage stage) =>
        db.Clients.AsNoTracking().Where(c => c.Stage == stage).OrderBy(c => c.SortOrder).ThenBy(c => c.Id);

    /// <summary>The board, or only the given columns: counts and totals in one grouped query, the first cards of each column in one more.</summary>
    private async Task<PipelineBoard> LoadBoardAsync(int? focus, IReadOnlyList<ClientStage>? only = null)
    {
        var homeCurrency = (await account.SettingsAsync()).HomeCurrency;
        var stages = ClientStages.Board.Where(s => only is null || only.Contains(s)).ToList();
        var totals = await db.Clients.AsNoTracking()
            .Where(c => stages.Contains(c.Stage))
            .GroupBy(c => new { c.Stage, c.Currency })
            .Select(g => new StageTotal(g.Key.Stage, g.Key.Currency, g.Sum(c => c.ContractValue), g.Count()))
            .ToListAsync();
        var cards = await CardsAsync(Boards.FirstOfEach(stages.Select(Ordered)));
        var columns = stages.Select(stage => new PipelineColumn(
            stage,
            cards.Where(c => c.Stage == stage).ToList(),
            totals.Where(t => t.Stage == stage).OrderBy(t => t.Currency == homeCurrency ? 0 : 1).ThenBy(t => t.Currency).ToList(),
            homeCurrency) { OutOfBand = only is not null, FocusClientId = focus }).ToList();
        return new PipelineBoard(columns, homeCurrency, focus);
    }

    /// <summary>
    /// Cards with their invoiced amount in one statement: the subtotals (net of tax) of the client's issued invoices
    /// (Sent, Overdue, Paid), summed for each shown client only; drafts and void invoices do not count.
    /// </summary>
    private async Task<List<ClientCard>> CardsAsync(IQueryable<Client> query)
    {
        var issued = InvoiceStatuses.Invoiced.ToList();
        // Only invoices in the client's currency count against its contract value (one made before the currency
        // was fixed stays in its own: the client page lists those separately).
        var rows = await query.Select(c => new
        {
            c.Id, c.Name, c.Company, c.Stage, c.SortOrder, c.Currency, c.ContractValue,
            Invoiced = db.Invoices.Where(i => i.ClientId == c.Id && issued.Contains(i.Status) && i.Currency == c.Currency).Sum(i => i.Subtotal),
        }).ToListAsync();
        // A UNION ALL keeps no order: the columns' order is put back here.
        return rows.OrderBy(c => c.Stage).ThenBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ClientCard(c.Id, c.Name, c.Company, c.Stage, c.Currency, c.ContractValue, c.Invoiced))
            .ToList();
    }

    /// <summary>
    /// The client's issued invoices summed per currency in one grouped query: those in its currency are the invoiced
    /// amount; any other currency (from before its currency was fixed) is listed apart, never added to it.
    /// </summary>
    private async Task<(decimal Invoiced, List<CurrencyAmount> Others)> InvoicedByCurrencyAsync(Client client)
    {
        var issued = InvoiceStatuses.Invoiced.ToList();
        var sums = await db.Invoices.AsNoTracking().Where(i => i.ClientId == client.Id && issued.Contains(i.Status))
            .GroupBy(i => i.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(i => i.Subtotal))).ToListAsync();
        return (sums.Where(x => x.Currency == client.Currency).Sum(x => x.Amount),
            sums.Where(x => x.Currency != client.Currency).OrderBy(x => x.Currency).ToList());
    }

    private async Task<int> NextSortOrderAsync(ClientStage stage) =>
        (await db.Clients.Where(c => c.Stage == stage).MaxAsync(c => (int?)c.SortOrder) ?? -1) + 1;

}
