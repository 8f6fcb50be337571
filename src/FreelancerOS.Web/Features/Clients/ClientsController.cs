using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>
/// Client records: the list, a client's page and its form, archive and restore. The pipeline board has its
/// own controller under the same URL segment (docs/decisions/012): <see cref="ClientPipelineController"/>.
/// </summary>
public sealed class ClientsController(AppDbContext db, CurrentAccount account) : Controller
{
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
    public async Task<IActionResult> Details(int id) =>
        await ClientDetailsQuery.LoadAsync(db, id, HttpContext.RequestAborted) is { } details ? View(details) : NotFound();

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
        client.MoveTo(form.Stage, await ClientPipeline.NextSortOrderAsync(db, form.Stage));
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
        if (client.Stage != form.Stage) client.MoveTo(form.Stage, await ClientPipeline.NextSortOrderAsync(db, form.Stage));
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
        return RedirectToAction(nameof(ClientPipelineController.Index));
    }

    [HttpPost]
    public async Task<IActionResult> Restore(int id)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return NotFound();
        if (client.Stage != ClientStage.Archived) return RedirectToAction(nameof(Details), new { id });
        client.Restore(await ClientPipeline.NextSortOrderAsync(db, client.StageBeforeArchive ?? ClientStage.Lead));
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{client.Name} is back in {client.Stage}.";
        return RedirectToAction(nameof(Details), new { id });
    }
}
