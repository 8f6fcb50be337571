using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

public sealed partial class LedgerController
{
    private const long MaxImportBytes = 20 * 1024 * 1024;

    /// <summary>The current filter as CSV, every matching row, in the columns the import reads.</summary>
    [HttpGet]
    public async Task<IActionResult> Export(LedgerFilter filter)
    {
        var (_, today) = await AccountAsync();
        var rows = filter.Apply(db.LedgerEntries.AsNoTracking(), today)
            .OrderBy(e => e.Date).ThenBy(e => e.Id)
            .Select(e => new LedgerCsv.ExportRow(e.Date, e.Kind, e.Description, e.Amount, e.Currency, e.ExchangeRate,
                e.Category != null ? e.Category.Name : null, e.PaymentMode != null ? e.PaymentMode.Name : null,
                e.Kind == LedgerKind.Expense ? ((Expense)e).Vendor : null))
            .AsAsyncEnumerable();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"ledger-{today:yyyy-MM-dd}.csv\"";
        await LedgerCsv.WriteAsync(Response.Body, rows);
        return new EmptyResult();
    }

    [HttpGet]
    public IActionResult Import() => View("ImportUpload");

    private string ImportPath(Guid token) =>
        Path.Combine(DataFolder, "imports", db.CurrentUserId!, token.ToString("N") + ".csv");

    [HttpPost]
    [RequestSizeLimit(MaxImportBytes + 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + 1024 * 1024)]
    [Errors.UploadLimit(MaxImportBytes, "The file is larger than 20 MB.")]
    public async Task<IActionResult> Import(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to import.");
            return View("ImportUpload");
        }
        if (file.Length > MaxImportBytes)
        {
            ModelState.AddModelError("file", "The file is larger than 20 MB.");
            return View("ImportUpload");
        }
        var token = Guid.NewGuid();
        var path = ImportPath(token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var target = System.IO.File.Create(path))
            await file.CopyToAsync(target);
        if (!CsvSafety.LooksLikeText(path))
        {
            System.IO.File.Delete(path);
            ModelState.AddModelError("file", "This file is not a CSV text file (it looks like an image, a PDF or other binary data).");
            return View("ImportUpload");
        }
        var peek = LedgerCsv.Peek(path);
        if (peek is null)
        {
            System.IO.File.Delete(path);
            ModelState.AddModelError("file", "This file could not be read as CSV (row 1).");
            return View("ImportUpload");
        }
        var mapping = ImportMapping.Guess(token, peek.Value.Headers);
        if (peek.Value.Sample.FirstOrDefault() is { } first && mapping.DateColumn is { } dc && dc < first.Length)
            mapping.DateFormat = LedgerCsv.DateFormats.FirstOrDefault(f => DateOnly.TryParseExact(first[dc].Trim(), f, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) ?? mapping.DateFormat;
        return View("ImportMap", new ImportMapPage(mapping, peek.Value.Headers, peek.Value.Sample, Path.GetFileName(file.FileName)));
    }

    [HttpPost]
    public async Task<IActionResult> ImportPreview(ImportMapping mapping)
    {
        var upload = await ParseUploadAsync(mapping);
        return upload.Refusal ?? View("ImportPreview", new ImportPreviewPage(mapping, upload.Parsed!, upload.Headers));
    }

    /// <summary>Starts the import in the background (one transaction) and shows its progress; a file with any error imports nothing.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportRun(ImportMapping mapping)
    {
        var upload = await ParseUploadAsync(mapping);
        if (upload.Refusal is not null) return upload.Refusal;
        var (result, headers, path, home) = (upload.Parsed!, upload.Headers, upload.Path, upload.HomeCurrency);
        if (result.HasErrors) return View("ImportPreview", new ImportPreviewPage(mapping, result, headers));

        var owner = db.CurrentUserId!;
        var job = new ImportJob(owner, result.Rows.Count);
        if (!imports.TryStart(mapping.Token, job)) return RedirectToAction(nameof(ImportStatus), new { id = mapping.Token });
        _ = Task.Run(() => RunImportAsync(scopes, imports, owner, home, result, job, path));
        return RedirectToAction(nameof(ImportStatus), new { id = mapping.Token });
    }

    [HttpGet]
    public IActionResult ImportStatus(Guid id)
    {
        var job = imports.Find(id, db.CurrentUserId);
        if (job is null) return NotFound();
        ViewData["Token"] = id;
        return Request.IsHtmx() ? PartialView("_ImportProgress", job) : View(job);
    }

    private sealed record Upload(IActionResult? Refusal, ParseResult? Parsed, string[] Headers, string Path, string HomeCurrency);

    /// <summary>
    /// Reads the uploaded file again with the posted mapping: a 404 when the upload is gone, the mapping
    /// page when the mapping is invalid, else the parsed rows with the ledger's duplicates flagged.
    /// </summary>
    private async Task<Upload> ParseUploadAsync(ImportMapping mapping)
    {
        var path = ImportPath(mapping.Token);
        if (!System.IO.File.Exists(path)) return new Upload(NotFound(), null, [], path, "");
        var peek = LedgerCsv.Peek(path);
        var headers = peek?.Headers ?? [];
        if (!ModelState.IsValid)
            return new Upload(View("ImportMap", new ImportMapPage(mapping, headers, peek?.Sample ?? [], "")), null, headers, path, "");
        var (home, _) = await AccountAsync();
        var result = LedgerCsv.Parse(path, mapping, home);
        await FlagDuplicatesAsync(result);
        return new Upload(null, result, headers, path, home);
    }

    private async Task FlagDuplicatesAsync(ParseResult result)
    {
        var dated = result.Rows.Where(r => r.Date is not null).ToList();
        if (dated.Count == 0) return;
        var from = dated.Min(r => r.Date!.Value);
        var to = dated.Max(r => r.Date!.Value);
        var existing = (await db.LedgerEntries.AsNoTracking().Where(e => e.Date >= from && e.Date <= to)
                .Select(e => new { e.Date, e.Amount, e.Description }).ToListAsync())
            .Select(e => LedgerCsv.DuplicateKey(e.Date, e.Amount, e.Description)).ToHashSet();
        foreach (var row in dated)
            row.Duplicate = existing.Contains(LedgerCsv.DuplicateKey(row.Date!.Value, row.Amount, row.Description));
    }

    /// <summary>Inserts the rows in one transaction, in batches so the progress moves; new category and mode names are created.</summary>
    private static async Task RunImportAsync(IServiceScopeFactory scopes, ImportJobs imports, string owner, string home, ParseResult result, ImportJob job, string path)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(owner);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await LedgerLists.EnsureDefaultsAsync(db);
            await using var tx = await db.Database.BeginTransactionAsync();

            var categories = await db.LedgerCategories.ToListAsync();
            var modes = await db.PaymentModes.ToListAsync();
            var now = clock.GetUtcNow();
            var imported = 0;
            var skipped = 0;
            var batch = 0;
            foreach (var row in result.Rows)
            {
                if (row.Duplicate) { skipped++; job.Advance(1); continue; }
                LedgerEntry entry = row.Kind == LedgerKind.Expense ? new Expense { Vendor = row.Vendor } : new Income();
                entry.Record(row.Date!.Value, row.Amount, row.Currency, row.Rate, home);
                entry.Description = row.Description;
                entry.CreatedAt = now;
                if (row.Category is { } cn)
                {
                    var category = categories.FirstOrDefault(c => c.Kind == row.Kind && c.Name.Equals(cn, StringComparison.OrdinalIgnoreCase));
                    if (category is null) { category = new LedgerCategory(row.Kind, cn); db.LedgerCategories.Add(category); categories.Add(category); }
                    entry.Category = category;
                }
                if (row.PaymentMode is { } mn)
                {
                    var mode = modes.FirstOrDefault(m => m.Name.Equals(mn, StringComparison.OrdinalIgnoreCase));
                    if (mode is null) { mode = new PaymentMode { Name = mn }; db.PaymentModes.Add(mode); modes.Add(mode); }
                    entry.PaymentMode = mode;
                }
                db.LedgerEntries.Add(entry);
                imported++;
                if (++batch == 200)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                    categories = await db.LedgerCategories.ToListAsync();
                    modes = await db.PaymentModes.ToListAsync();
                    job.Advance(batch);
                    batch = 0;
                }
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            job.Advance(batch);
            job.Imported = imported;
            job.Skipped = skipped;
        }
        catch (Exception e)
        {
            job.Error = "The import failed and nothing was imported: " + e.Message;
        }
        finally
        {
            job.Finish(imports.Now);
            try { System.IO.File.Delete(path); } catch (IOException) { }
        }
    }

}
