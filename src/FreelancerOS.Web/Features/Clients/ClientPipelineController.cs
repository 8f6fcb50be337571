using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>The pipeline board (/clients): its columns, a drop, and the keyboard's move (docs/decisions/012).</summary>
[UrlSegment("Clients")]
public sealed class ClientPipelineController(AppDbContext db, CurrentAccount account) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index() => View("Pipeline", await LoadBoardAsync(focus: null));

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(ClientStage stage, int skip = 0)
    {
        if (!ModelState.IsValid || !ClientStages.Board.Contains(stage) || skip < 0) return BadRequest();
        var cards = await ClientPipeline.CardsAsync(db, ClientPipeline.Ordered(db, stage).Skip(skip).Take(Boards.CardsPerColumn));
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
            client.MoveTo(stage, await ClientPipeline.NextSortOrderAsync(db, stage));
            await db.SaveChangesAsync();
        }
        var message = $"{client.Name} moved to {client.Stage}.";
        if (Request.IsHtmx())
        {
            Response.Saved(message);
            return PartialView("_Columns", await LoadBoardAsync(focus: id, [stage, from]));
        }
        TempData["Flash"] = message;
        return returnTo == "details" ? RedirectToAction(nameof(ClientsController.Details), new { id }) : RedirectToAction(nameof(Index));
    }

    private async Task<PipelineBoard> LoadBoardAsync(int? focus, IReadOnlyList<ClientStage>? only = null) =>
        await ClientPipeline.LoadBoardAsync(db, (await account.SettingsAsync()).HomeCurrency, focus, only);
}
