using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The ledger's lists: income classifications, expense categories and payment modes.</summary>
[UrlSegment("Ledger")]
public sealed class LedgerListsController(AppDbContext db) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Lists() => View(await ListsPageAsync());

    private async Task<ListsPage> ListsPageAsync()
    {
        // From the kept totals: a few rows per month instead of every entry.
        var categoryUses = await db.LedgerMonthTotals.Where(t => t.CategoryId != LedgerMonthTotal.None).GroupBy(t => t.CategoryId)
            .Select(g => new { Id = g.Key, Count = g.Sum(t => t.Count) }).ToDictionaryAsync(x => x.Id, x => x.Count);
        var modeUses = await db.LedgerMonthTotals.Where(t => t.PaymentModeId != LedgerMonthTotal.None).GroupBy(t => t.PaymentModeId)
            .Select(g => new { Id = g.Key, Count = g.Sum(t => t.Count) }).ToDictionaryAsync(x => x.Id, x => x.Count);
        var categories = await db.LedgerCategories.AsNoTracking().OrderByDescending(c => c.IsBuiltIn).ThenBy(c => c.Name).ToListAsync();
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).ToListAsync();
        ListItem Item(LedgerCategory c) => new(c.Id, c.Name, c.IsBuiltIn, categoryUses.GetValueOrDefault(c.Id));
        return new ListsPage(
            categories.Where(c => c.Kind == LedgerKind.Income).Select(Item).ToList(),
            categories.Where(c => c.Kind == LedgerKind.Expense).Select(Item).ToList(),
            modes.Select(m => new ListItem(m.Id, m.Name, false, modeUses.GetValueOrDefault(m.Id))).ToList());
    }

    private async Task<IActionResult> ListsWithError(string message)
    {
        ModelState.AddModelError("", message);
        return View("Lists", await ListsPageAsync());
    }

    /// <summary>Adds a classification (kind=income), category (kind=expense) or payment mode (kind=mode).</summary>
    [HttpPost]
    public async Task<IActionResult> AddListItem(string kind, NameForm form)
    {
        if (!ModelState.IsValid) return await ListsWithError(ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage);
        var name = form.Name!.Trim();
        if (kind == "mode")
        {
            if (await db.PaymentModes.AnyAsync(m => m.Name == name)) return await ListsWithError($"There is already a payment mode \"{name}\".");
            db.PaymentModes.Add(new PaymentMode { Name = name });
        }
        else
        {
            var k = kind == "expense" ? LedgerKind.Expense : LedgerKind.Income;
            if (await db.LedgerCategories.AnyAsync(c => c.Kind == k && c.Name == name)) return await ListsWithError($"\"{name}\" already exists.");
            db.LedgerCategories.Add(new LedgerCategory(k, name));
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = $"\"{name}\" was added.";
        return RedirectToAction(nameof(Lists));
    }

    [HttpPost]
    public async Task<IActionResult> RenameListItem(int id, string kind, NameForm form)
    {
        if (!ModelState.IsValid) return await ListsWithError(ModelState.Values.SelectMany(v => v.Errors).First().ErrorMessage);
        var name = form.Name!.Trim();
        if (kind == "mode")
        {
            var mode = await db.PaymentModes.SingleOrDefaultAsync(m => m.Id == id);
            if (mode is null) return NotFound();
            if (await db.PaymentModes.AnyAsync(m => m.Name == name && m.Id != id)) return await ListsWithError($"There is already a payment mode \"{name}\".");
            mode.Name = name;
        }
        else
        {
            var category = await db.LedgerCategories.SingleOrDefaultAsync(c => c.Id == id);
            if (category is null) return NotFound();
            if (await db.LedgerCategories.AnyAsync(c => c.Kind == category.Kind && c.Name == name && c.Id != id)) return await ListsWithError($"\"{name}\" already exists.");
            try { category.Rename(name); }
            catch (DomainException e) { return await ListsWithError(e.Message); }
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Renamed to \"{name}\".";
        return RedirectToAction(nameof(Lists));
    }

    /// <summary>Deletes an item; one that is in use needs <paramref name="moveTo"/>, the item its entries move to.</summary>
    [HttpPost]
    public async Task<IActionResult> DeleteListItem(int id, string kind, int? moveTo)
    {
        // Moving the entries and deleting the item succeed or fail together.
        await using var tx = await db.Database.BeginTransactionAsync();
        var refused = kind == "mode" ? await DeleteModeAsync(id, moveTo) : await DeleteCategoryAsync(id, moveTo);
        if (refused is not null) return refused;
        await tx.CommitAsync();
        return RedirectToAction(nameof(Lists));
    }

    /// <summary>Null once deleted (not yet committed); otherwise the answer that refuses it.</summary>
    private async Task<IActionResult?> DeleteModeAsync(int id, int? moveTo)
    {
        var mode = await db.PaymentModes.SingleOrDefaultAsync(m => m.Id == id);
        if (mode is null) return NotFound();
        var uses = await db.LedgerEntries.CountAsync(e => e.PaymentModeId == id);
        if (uses > 0)
        {
            if (moveTo is not { } target || target == id || !await db.PaymentModes.AnyAsync(m => m.Id == target))
                return await ListsWithError($"\"{mode.Name}\" is used by {uses} entries: choose the payment mode they move to.");
            await db.LedgerEntries.Where(e => e.PaymentModeId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.PaymentModeId, target).SetProperty(e => e.Version, e => e.Version + 1));
            // A bulk update bypasses SaveChanges, so the kept totals are moved along here, in the same transaction.
            await KeptLedgerTotals.MoveAsync(db, paymentMode: true, id, target);
        }
        db.PaymentModes.Remove(mode);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"\"{mode.Name}\" was deleted.";
        return null;
    }

    /// <summary>Null once deleted (not yet committed); otherwise the answer that refuses it.</summary>
    private async Task<IActionResult?> DeleteCategoryAsync(int id, int? moveTo)
    {
        var category = await db.LedgerCategories.SingleOrDefaultAsync(c => c.Id == id);
        if (category is null) return NotFound();
        try { category.EnsureDeletable(); }
        catch (DomainException e) { return await ListsWithError(e.Message); }
        var uses = await db.LedgerEntries.CountAsync(e => e.CategoryId == id);
        if (uses > 0)
        {
            if (moveTo is not { } target || target == id || !await db.LedgerCategories.AnyAsync(c => c.Id == target && c.Kind == category.Kind))
                return await ListsWithError($"\"{category.Name}\" is used by {uses} entries: choose where they go.");
            await db.LedgerEntries.Where(e => e.CategoryId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CategoryId, target).SetProperty(e => e.Version, e => e.Version + 1));
            await KeptLedgerTotals.MoveAsync(db, paymentMode: false, id, target);
        }
        db.LedgerCategories.Remove(category);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"\"{category.Name}\" was deleted.";
        return null;
    }
}
