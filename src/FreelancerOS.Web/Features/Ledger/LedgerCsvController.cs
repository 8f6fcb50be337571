using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The ledger as CSV: the filtered list exported, a bank's file imported (upload, mapping, preview, background run).</summary>
[UrlSegment("Ledger")]
public sealed class LedgerCsvController(AppDbContext db, CurrentAccount account, LedgerImports imports) : Controller
{
    private const long MaxImportBytes = 20 * 1024 * 1024;

    /// <summary>The current filter as CSV, every matching row, in the columns the import reads.</summary>
    [HttpGet]
    public async Task<IActionResult> Export(LedgerFilter filter)
    {
        var (_, today) = await account.HomeAndTodayAsync();
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

    [HttpPost]
    [RequestSizeLimit(MaxImportBytes + 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + 1024 * 1024)]
    [Errors.UploadLimit(MaxImportBytes, "The file is larger than 20 MB.")]
    public async Task<IActionResult> Import(IFormFile? file)
    {
        if (file is null || file.Length == 0) return RefusedUpload("Choose a CSV file to import.");
        if (file.Length > MaxImportBytes) return RefusedUpload("The file is larger than 20 MB.");
        // Kept in the database, not on this instance's disk: whichever instance runs the import reads it there.
        var content = new byte[file.Length];
        await using (var source = file.OpenReadStream())
            await source.ReadExactlyAsync(content);
        if (!CsvSafety.LooksLikeText(content)) return RefusedUpload("This file is not a CSV text file (it looks like an image, a PDF or other binary data).");
        var peek = LedgerCsv.Peek(content);
        if (peek is null) return RefusedUpload("This file could not be read as CSV (row 1).");
        var token = await imports.UploadAsync(file.FileName, content);
        var mapping = GuessMapping(token, peek.Value.Headers, peek.Value.Sample);
        return View("ImportMap", new ImportMapPage(mapping, peek.Value.Headers, peek.Value.Sample, Path.GetFileName(file.FileName)));
    }

    private ViewResult RefusedUpload(string reason)
    {
        ModelState.AddModelError("file", reason);
        return View("ImportUpload");
    }

    /// <summary>The mapping page's first proposal: columns by their headers, the date format and decimal separator from the first rows.</summary>
    private static ImportMapping GuessMapping(Guid token, string[] headers, List<string[]> sample)
    {
        var mapping = ImportMapping.Guess(token, headers);
        if (sample.FirstOrDefault() is { } first && mapping.DateColumn is { } dc && dc < first.Length)
            mapping.DateFormat = LedgerCsv.DateFormats.FirstOrDefault(f => DateOnly.TryParseExact(first[dc].Trim(), f, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) ?? mapping.DateFormat;
        if (mapping.AmountColumn is { } ac)
            mapping.DecimalSeparator = LedgerCsv.GuessDecimalSeparator(sample.Where(r => ac < r.Length).Select(r => r[ac]));
        return mapping;
    }

    [HttpPost]
    public async Task<IActionResult> ImportPreview(ImportMapping mapping)
    {
        var upload = await ParseUploadAsync(mapping);
        return upload.Refusal ?? View("ImportPreview", new ImportPreviewPage(mapping, upload.Parsed!, upload.Headers));
    }

    /// <summary>Starts the import as a background job (one transaction) and shows its progress; a file with any error imports nothing.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportRun(ImportMapping mapping)
    {
        var upload = await ParseUploadAsync(mapping);
        if (upload.Refusal is not null) return upload.Refusal;
        if (upload.Parsed!.HasErrors) return View("ImportPreview", new ImportPreviewPage(mapping, upload.Parsed, upload.Headers));
        await imports.StartAsync(mapping.Token, mapping, upload.Parsed.Rows.Count);
        return RedirectToAction(nameof(ImportStatus), new { id = mapping.Token });
    }

    [HttpGet]
    public async Task<IActionResult> ImportStatus(Guid id)
    {
        var progress = await imports.ProgressAsync(id);
        if (progress is null) return NotFound();
        return Request.IsHtmx() ? PartialView("_ImportProgress", progress) : View(progress);
    }

    private sealed record Upload(IActionResult? Refusal, ParseResult? Parsed, string[] Headers);

    /// <summary>
    /// Reads the upload again with the posted mapping: a 404 when it is gone (or already imported), the
    /// mapping page when the mapping is invalid, else the parsed rows with the ledger's duplicates flagged.
    /// </summary>
    private async Task<Upload> ParseUploadAsync(ImportMapping mapping)
    {
        var content = await imports.ContentAsync(mapping.Token);
        if (content is null)
        {
            // Already started (a second click, or the back button): its progress, not an error page.
            if (await imports.ProgressAsync(mapping.Token) is not null)
                return new Upload(RedirectToAction(nameof(ImportStatus), new { id = mapping.Token }), null, []);
            return new Upload(NotFound(), null, []);
        }
        var peek = LedgerCsv.Peek(content);
        var headers = peek?.Headers ?? [];
        if (!ModelState.IsValid)
            return new Upload(View("ImportMap", new ImportMapPage(mapping, headers, peek?.Sample ?? [], "")), null, headers);
        var (home, _) = await account.HomeAndTodayAsync();
        var result = LedgerCsv.Parse(content, mapping, home);
        await LedgerImports.FlagDuplicatesAsync(db, result);
        return new Upload(null, result, headers);
    }
}
