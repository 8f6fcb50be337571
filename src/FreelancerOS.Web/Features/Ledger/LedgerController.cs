using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>
/// The ledger's entries: incomes and expenses, their receipts, the filtered list. The ledger's other
/// sub-resources have their own controllers under the same URL segment (docs/decisions/012):
/// <see cref="LedgerCsvController"/>, <see cref="LedgerListsController"/>, <see cref="LedgerFiguresController"/>.
/// </summary>
public sealed class LedgerController(
    AppDbContext db, CurrentAccount account,
    FreelancerOS.Web.Features.Invoices.InvoicePayments payments, FreelancerOS.Web.Features.Invoices.BilledWork billed,
    FreelancerOS.Web.Features.Invoices.IncomeLinks links)
    : Controller
{
    private Task<(string HomeCurrency, DateOnly Today)> AccountAsync() => account.HomeAndTodayAsync();

    [HttpGet]
    public async Task<IActionResult> Index(LedgerFilter filter)
    {
        var (home, today) = await AccountAsync();
        var lookups = await LedgerLists.LoadAsync(db);
        var query = filter.Apply(db.LedgerEntries.AsNoTracking(), today);

        var totals = await LedgerTotals.ForFilterAsync(db, filter, query, today, home);

        var pageSize = Paging.Size(filter.Size);
        var pages = Math.Max(1, (totals.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var items = totals.Count == 0 ? [] : await LedgerQueries.PageAsync(db, filter, today, query, LedgerQueries.Sorts.Parse(filter.Sort, filter.Dir), page, pageSize);
        var (from, to) = filter.Range(today);
        return View(new LedgerPage(filter, from, to, new Paged<LedgerRow>(items, page, pageSize, totals.Count), totals, lookups,
            Request.Path + Request.QueryString));
    }

    [HttpGet]
    public async Task<IActionResult> Create(string? kind)
    {
        var (home, today) = await AccountAsync();
        var k = kind == "expense" ? LedgerKind.Expense : LedgerKind.Income;
        var lookups = await LedgerLists.LoadAsync(db);
        var form = new EntryForm
        {
            Kind = k, Date = today, Currency = home,
            CategoryId = k == LedgerKind.Income ? lookups.Of(LedgerKind.Income).FirstOrDefault(c => c.IsBuiltIn)?.Id : null,
        };
        return await FormView(form, null, null);
    }

    [HttpPost]
    [RequestSizeLimit(Expense.MaxReceiptBytes + 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = Expense.MaxReceiptBytes + 1024 * 1024)]
    [Errors.UploadLimit(Expense.MaxReceiptBytes, "The receipt is larger than 10 MB.")]
    public async Task<IActionResult> Create(EntryForm form)
    {
        var (home, _) = await AccountAsync();
        LedgerEntry entry = form.Kind == LedgerKind.Expense ? new Expense() : new Income();
        if (!await ApplyFormAsync(entry, form, home)) return await FormView(form, null, null);

        if (!await ReceiptAcceptableAsync(form)) return await FormView(form, null, null);

        db.LedgerEntries.Add(entry);
        // The receipt's bytes are written with the expense, in one SaveChanges (one transaction): both or neither.
        await AttachReceiptAsync(entry, form);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{(entry.Kind == LedgerKind.Income ? "Income" : "Expense")} \"{entry.Description}\" was added.";
        return RedirectToAction(nameof(Index), new { period = "custom", from = entry.Date.ToString("yyyy-MM-dd"), to = entry.Date.ToString("yyyy-MM-dd") });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var entry = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
        if (entry is null) return NotFound();
        return await FormView(EntryForm.From(entry), id, (entry as Expense)?.ReceiptFileName);
    }

    [HttpPost]
    [RequestSizeLimit(Expense.MaxReceiptBytes + 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = Expense.MaxReceiptBytes + 1024 * 1024)]
    [Errors.UploadLimit(Expense.MaxReceiptBytes, "The receipt is larger than 10 MB.")]
    public async Task<IActionResult> Edit(int id, EntryForm form)
    {
        var entry = await db.LedgerEntries.SingleOrDefaultAsync(e => e.Id == id);
        if (entry is null) return NotFound();
        form.Kind = entry.Kind;
        var (home, _) = await AccountAsync();
        db.Entry(entry).Property(e => e.Version).OriginalValue = form.Version;
        await RefuseLockedChangesAsync(entry, form);
        var wasSettled = entry.IsSettled;
        if (!await ApplyFormAsync(entry, form, home) || !await ReceiptAcceptableAsync(form))
            return await FormView(form, id, (entry as Expense)?.ReceiptFileName);

        await RemoveReceiptIfAskedAsync(entry, form);
        await AttachReceiptAsync(entry, form);
        if (!await SaveEditAsync(entry, wasSettled)) return await FormView(form, id, (entry as Expense)?.ReceiptFileName);
        TempData["Flash"] = "Entry saved.";
        return RedirectToAction(nameof(Index), new { period = "custom", from = entry.Date.ToString("yyyy-MM-dd"), to = entry.Date.ToString("yyyy-MM-dd") });
    }

    /// <summary>Changes the entry's invoice forbids: the form gets the reason and nothing is saved.</summary>
    private async Task RefuseLockedChangesAsync(LedgerEntry entry, EntryForm form)
    {
        // An income of an issued invoice keeps the invoice's amount and currency (its incomes add up to its total).
        if (ModelState.IsValid && await payments.WhyNotChangeAsync(entry, form.Amount, form.Currency, deleting: false) is { } why)
            ModelState.AddModelError(nameof(EntryForm.Amount), why);
        // An expense billed on an invoice keeps its amount, currency, project and "rechargeable" (the line holds them).
        if (ModelState.IsValid && entry is Expense { InvoiceId: { } billedOn } billedExpense
            && billedExpense.WhyNotChange(form.Amount, form.Currency, form.ProjectId, form.Rechargeable, deleting: false, await billed.InvoiceNameAsync(billedOn)) is { } locked)
        {
            ModelState.AddModelError(nameof(EntryForm.Amount), locked);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
    }

    private async Task RemoveReceiptIfAskedAsync(LedgerEntry entry, EntryForm form)
    {
        if (entry is Expense x && form.RemoveReceipt && x.ReceiptFileName is not null)
        {
            x.ReceiptFileName = x.ReceiptContentType = null;
            if (await db.Receipts.FindAsync(x.Id) is { } stored) db.Receipts.Remove(stored);
        }
    }

    /// <summary>
    /// Saves the edit and what follows from it in one transaction; false, with the reason in the form's errors,
    /// when a rule refuses it or another tab saved the entry first.
    /// </summary>
    private async Task<bool> SaveEditAsync(LedgerEntry entry, bool wasSettled)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // Received or not again: the invoice it is linked to follows (an undone payment merges back into its open amount).
            if (entry is Income income && wasSettled != entry.IsSettled) await payments.SettleChangedAsync(income);
            // An income on a draft (linked from the workflow): its line follows the new description, amount and project.
            if (entry is Income onDraft) await links.FollowOnDraftAsync(onDraft);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return true;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? "", e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This entry was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current details, then make your change again.");
        }
        return false;
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id, string? returnUrl)
    {
        var entry = await db.LedgerEntries.SingleOrDefaultAsync(e => e.Id == id);
        if (entry is null) return NotFound();
        if (await payments.WhyNotChangeAsync(entry, null, null, deleting: true) is { } why)
        {
            ModelState.AddModelError("", why);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await FormView(EntryForm.From(entry), id, (entry as Expense)?.ReceiptFileName);
        }
        if (entry is Expense { InvoiceId: { } billedOn } expense
            && expense.WhyNotChange(null, null, null, false, deleting: true, await billed.InvoiceNameAsync(billedOn)) is { } locked)
        {
            ModelState.AddModelError("", locked);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await FormView(EntryForm.From(entry), id, expense.ReceiptFileName);
        }
        // Its receipt row goes with it (cascade).
        db.LedgerEntries.Remove(entry);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"\"{entry.Description}\" was deleted.";
        return LocalRedirect(SafeReturn(returnUrl));
    }

    /// <summary>The one-click "received" (or "paid") from the list: sets the payment mode and goes back to the same filter.</summary>
    [HttpPost]
    public async Task<IActionResult> Settle(int id, int? paymentModeId, string? returnUrl)
    {
        var entry = await db.LedgerEntries.SingleOrDefaultAsync(e => e.Id == id);
        if (entry is null) return NotFound();
        if (paymentModeId is not { } modeId || !await db.PaymentModes.AnyAsync(m => m.Id == modeId))
        {
            TempData["Flash"] = "Choose how the money came in (a payment mode) first.";
            return LocalRedirect(SafeReturn(returnUrl));
        }
        entry.MarkSettled(modeId);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            // Received: an invoice it is linked to becomes Paid when its received incomes cover the total.
            if (entry is Income income) await payments.SettleChangedAsync(income);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        TempData["Flash"] = $"\"{entry.Description}\" is marked {(entry.Kind == LedgerKind.Income ? "received" : "paid")}.";
        return LocalRedirect(SafeReturn(returnUrl));
    }

    [HttpGet]
    public async Task<IActionResult> Receipt(int id)
    {
        // The owner filter on receipts (through their expense) makes another account's receipt a 404.
        var receipt = await db.Receipts.AsNoTracking().Where(r => r.ExpenseId == id)
            .Select(r => new { r.Content, r.Expense!.ReceiptFileName, r.Expense.ReceiptContentType }).SingleOrDefaultAsync();
        if (receipt is null) return NotFound();
        var type = receipt.ReceiptContentType ?? "application/octet-stream";
        return File(receipt.Content, type, receipt.ReceiptFileName ?? "receipt" + Expense.ExtensionFor(type));
    }

    private async Task<bool> ApplyFormAsync(LedgerEntry entry, EntryForm form, string home)
    {
        if (form.CategoryId is { } c && !await db.LedgerCategories.AnyAsync(x => x.Id == c && x.Kind == form.Kind))
            ModelState.AddModelError(nameof(EntryForm.CategoryId), "Choose one of your categories.");
        if (form.PaymentModeId is { } p && !await db.PaymentModes.AnyAsync(x => x.Id == p))
            ModelState.AddModelError(nameof(EntryForm.PaymentModeId), "Choose one of your payment modes.");
        if (form.Kind == LedgerKind.Income && form.ClientId is { } cl && !await db.Clients.AnyAsync(x => x.Id == cl))
            ModelState.AddModelError(nameof(EntryForm.ClientId), "Choose one of your clients.");
        if (form.ProjectId is { } pr && !await db.Projects.AnyAsync(x => x.Id == pr))
            ModelState.AddModelError(nameof(EntryForm.ProjectId), "Choose one of your projects.");
        if (form.Kind == LedgerKind.Income && form.ServiceId is { } sv && !await db.Services.AnyAsync(x => x.Id == sv && (form.ProjectId == null || x.ProjectId == form.ProjectId)))
            ModelState.AddModelError(nameof(EntryForm.ServiceId), form.ProjectId is null ? "Choose one of your services." : "Choose a service of the chosen project.");
        // The workflow's rules for an income's client, project and invoice (a project of another client is refused).
        if (ModelState.IsValid && entry is Income income && await links.WhyNotAsync(income, form.ClientId, form.ProjectId, form.ServiceId) is { } refused)
            ModelState.AddModelError(refused.Field is nameof(EntryForm.ProjectId) or nameof(EntryForm.ServiceId) ? refused.Field : nameof(EntryForm.ClientId), refused.Message);
        if (!ModelState.IsValid) return false;
        try
        {
            form.ApplyTo(entry, home);
            return true;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? "", e.Message);
            return false;
        }
    }

    /// <summary>The content type of the uploaded receipt, read from its first bytes; null when there is none or it is not a PDF, PNG or JPEG.</summary>
    private static async Task<string?> ReceiptTypeAsync(IFormFile? file)
    {
        if (file is not { Length: > 0 }) return null;
        var head = new byte[8];
        await using var s = file.OpenReadStream();
        var read = await s.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        return Expense.SniffReceiptType(head.AsSpan(0, read));
    }

    /// <summary>Checks an uploaded receipt by its content, before anything is saved.</summary>
    private async Task<bool> ReceiptAcceptableAsync(EntryForm form)
    {
        if (form.Kind != LedgerKind.Expense || form.Receipt is not { Length: > 0 } file) return true;
        if (file.Length <= Expense.MaxReceiptBytes && await ReceiptTypeAsync(file) is not null) return true;
        ModelState.AddModelError(nameof(EntryForm.Receipt), file.Length > Expense.MaxReceiptBytes
            ? "The receipt is larger than 10 MB."
            : "A receipt must be a PDF, PNG or JPEG file; this file is none of them, whatever its name says.");
        return false;
    }

    /// <summary>Puts an accepted receipt on the expense (replacing the previous one); saved by the caller's SaveChanges.</summary>
    private async Task AttachReceiptAsync(LedgerEntry entry, EntryForm form)
    {
        if (entry is not Expense expense || form.Receipt is not { Length: > 0 } file) return;
        var type = await ReceiptTypeAsync(file) ?? throw new InvalidOperationException("The receipt was not checked.");
        var content = new byte[file.Length];
        await using (var source = file.OpenReadStream())
            await source.ReadExactlyAsync(content);

        var stored = expense.Id == 0 ? null : await db.Receipts.FindAsync(expense.Id);
        if (stored is null) db.Receipts.Add(new StoredReceipt { Expense = expense, Content = content });
        else
        {
            stored.Content = content;
            // "Remove the receipt" ticked along with a new file: the new one is kept.
            if (db.Entry(stored).State == EntityState.Deleted) db.Entry(stored).State = EntityState.Modified;
        }
        expense.ReceiptFileName = Path.GetFileName(file.FileName) is { Length: > 0 and <= 255 } n ? n : "receipt" + Expense.ExtensionFor(type);
        expense.ReceiptContentType = type;
    }

    private async Task<IActionResult> FormView(EntryForm form, int? id, string? receiptFileName)
    {
        var (home, _) = await AccountAsync();
        var lookups = await LedgerLists.LoadAsync(db);
        var clients = form.Kind == LedgerKind.Income
            ? await db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived || c.Id == form.ClientId)
                .OrderBy(c => c.Name).Select(c => new ClientOption(c.Id, c.Name)).ToListAsync()
            : [];
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Client != null ? p.Client.Name : null)).ToListAsync();
        var services = form.Kind == LedgerKind.Income
            ? await db.Services.AsNoTracking().OrderBy(x => x.Name).Select(x => new ServiceOption(x.Id, x.Name, x.ProjectId)).ToListAsync()
            : [];
        form.Options = new EntryFormOptions(id, home, lookups, clients, receiptFileName, projects, services);
        if (id is not null)
            ViewData["LinkedInvoice"] = await db.LedgerEntries.AsNoTracking().Where(e => e.Id == id && e.InvoiceId != null)
                .Join(db.Invoices, e => e.InvoiceId, i => i.Id, (e, i) => new LinkedInvoice(i.Id, i.Number, i.Status)).SingleOrDefaultAsync();
        return View(id is null ? "Create" : "Edit", form);
    }

    private string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && Url.IsLocalUrl(r) && r.StartsWith("/ledger", StringComparison.Ordinal) ? r : "/ledger";
}
