using FreelancerOS.Web.Infrastructure;
using System.Globalization;
using CsvHelper;
using FluentValidation;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The CSV columns the export writes; an import recognises them by name, so an export imports as is.</summary>
public static partial class LedgerCsv
{
    public static readonly string[] Columns = ["Date", "Type", "Description", "Amount", "Currency", "ExchangeRate", "Category", "PaymentMode", "Vendor"];

    public static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d/M/yyyy", "M/d/yyyy", "yyyy/MM/dd"];

    public sealed record ExportRow(DateOnly Date, LedgerKind Kind, string Description, decimal Amount, string Currency, decimal ExchangeRate,
        string? Category, string? PaymentMode, string? Vendor);

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ExportRow> rows)
    {
        // The library's own injection escaping stays off: CsvSafety protects text cells in a way the import undoes exactly.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions(), true);
        csv.WriteHeader(Columns);
        await foreach (var r in rows)
        {
            csv.WriteField(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(r.Kind.ToString());
            csv.WriteField(CsvSafety.ForSpreadsheet(r.Description));
            csv.WriteField(r.Amount.ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(r.Currency);
            csv.WriteField(r.ExchangeRate.ToString("0.########", CultureInfo.InvariantCulture));
            csv.WriteField(CsvSafety.ForSpreadsheet(r.Category));
            csv.WriteField(CsvSafety.ForSpreadsheet(r.PaymentMode));
            csv.WriteField(CsvSafety.ForSpreadsheet(r.Vendor));
            await csv.EndRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>Every record of the file as strings (the header first), with the 1-based record number; malformed records are reported, not thrown.</summary>
    private static IEnumerable<(int Row, string[] Fields)> Records(byte[] content, List<string> errors)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrimWhitespace = true,
            OnMalformedRecord = r => errors.Add($"Row {r.RecordNumber}: the file is malformed here ({r.Reason}): {Shorten(r.RawRecord ?? "")}"),
        };
        using var stream = new MemoryStream(content, writable: false);
        using var reader = CsvReader.Create(stream, options, false);
        var row = 0;
        while (true)
        {
            bool read;
            try { read = reader.Read(); }
            catch (CsvFormatException e)
            {
                errors.Add($"Row {(e.RecordNumber > 0 ? e.RecordNumber : row + 1)}: the file could not be read as CSV ({e.Message}).");
                yield break;
            }
            if (!read) yield break;
            row++;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            yield return (row, fields);
        }
    }

    /// <summary>Reads the header and a few rows, for the mapping step. Null when the file is not readable as CSV.</summary>
    public static (string[] Headers, List<string[]> Sample)? Peek(byte[] content, int rows = 5)
    {
        var errors = new List<string>();
        var records = Records(content, errors).Take(rows + 1).ToList();
        if (records.Count == 0 || (errors.Count > 0 && records.Count <= 1)) return null;
        return (records[0].Fields, records.Skip(1).Select(r => r.Fields).ToList());
    }

    /// <summary>
    /// Parses every row with the mapping: a row's errors are keyed by the column they belong to. A file
    /// that cannot be read as CSV (a stray quote...) yields a row-numbered error too; nothing is thrown.
    /// </summary>
    public static ParseResult Parse(byte[] content, ImportMapping m, string homeCurrency)
    {
        var rows = new List<ImportRow>();
        var fileErrors = new List<string>();
        var first = true;
        foreach (var (row, record) in Records(content, fileErrors))
        {
            if (first) { first = false; continue; }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(ParseRow(row, record, m, homeCurrency));
        }
        if (first && fileErrors.Count == 0) fileErrors.Add("The file is empty.");
        return new ParseResult(rows, fileErrors);
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s.Trim();

    private static ImportRow ParseRow(int rowNumber, string[] record, ImportMapping m, string home)
    {
        var row = new ImportRow { Row = rowNumber };
        string? Cell(int? column, string name)
        {
            if (column is not { } c) return null;
            if (c < 0 || c >= record.Length) { row.Errors[name] = "This row has no such column."; return null; }
            return record[c].Trim();
        }

        var date = Cell(m.DateColumn, "Date");
        if (string.IsNullOrEmpty(date)) row.Errors.TryAdd("Date", "The date is missing.");
        else if (!DateOnly.TryParseExact(date, m.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            row.Errors["Date"] = $"\"{Echo.Short(date)}\" is not a date in the format {m.DateFormat}.";
        else if (!Limits.IsSaneDate(d)) row.Errors["Date"] = Limits.DateMessage;
        else row.Date = d;

        row.Description = CsvSafety.FromSpreadsheet(Cell(m.DescriptionColumn, "Description")) ?? "";
        if (row.Description.Length == 0) row.Errors.TryAdd("Description", "The description is missing.");
        else if (row.Description.Length > 500) row.Errors["Description"] = "The description is longer than 500 characters.";

        var amountText = Cell(m.AmountColumn, "Amount");
        decimal? amount = null;
        if (string.IsNullOrEmpty(amountText)) row.Errors.TryAdd("Amount", "The amount is missing.");
        else if (ParseNumber(amountText, m.DecimalSeparator) is not { } a) row.Errors["Amount"] = NotANumber(amountText, m.DecimalSeparator);
        else amount = a;

        var type = Cell(m.TypeColumn, "Type");
        if (!string.IsNullOrEmpty(type))
        {
            if (type.Equals("income", StringComparison.OrdinalIgnoreCase)) row.Kind = LedgerKind.Income;
            else if (type.Equals("expense", StringComparison.OrdinalIgnoreCase)) row.Kind = LedgerKind.Expense;
            else row.Errors["Type"] = $"\"{Echo.Short(type)}\" is neither Income nor Expense.";
            if (amount < 0) amount = -amount;
        }
        else if (amount is { } signed)
        {
            // A bank statement: money in is positive, money out negative.
            row.Kind = signed < 0 ? LedgerKind.Expense : LedgerKind.Income;
            amount = Math.Abs(signed);
        }

        var currency = Cell(m.CurrencyColumn, "Currency");
        row.Currency = string.IsNullOrEmpty(currency) ? home : Currency.Normalize(currency);
        var rateText = Cell(m.RateColumn, "ExchangeRate");
        decimal? rate = null;
        if (!string.IsNullOrEmpty(rateText))
        {
            if (ParseNumber(rateText, m.DecimalSeparator) is { } r) rate = r;
            else row.Errors["ExchangeRate"] = NotANumber(rateText, m.DecimalSeparator);
        }
        row.Category = NullIfEmpty(CsvSafety.FromSpreadsheet(Cell(m.CategoryColumn, "Category")));
        // A payment mode chosen for the whole file (a bank statement: money that moved) applies to rows without their own.
        row.PaymentMode = NullIfEmpty(CsvSafety.FromSpreadsheet(Cell(m.ModeColumn, "PaymentMode"))) ?? NullIfEmpty(m.FilePaymentMode?.Trim());
        row.Vendor = NullIfEmpty(CsvSafety.FromSpreadsheet(Cell(m.VendorColumn, "Vendor")));
        if (row.Category?.Length > 100) row.Errors["Category"] = "At most 100 characters.";
        if (row.PaymentMode?.Length > 100) row.Errors["PaymentMode"] = "At most 100 characters.";
        if (row.Vendor?.Length > 200) row.Errors["Vendor"] = "At most 200 characters.";

        if (amount is { } value && row.Date is { } day && !row.Errors.ContainsKey("Amount"))
        {
            // The entity's own rule decides (digits, currency, rate); its message lands on the offending column.
            try
            {
                var probe = new Income();
                probe.Record(day, value, row.Currency, rate, home);
                row.Amount = probe.Amount;
                row.Rate = probe.ExchangeRate;
                row.HomeAmountMinor = probe.HomeAmountMinor;
            }
            catch (DomainException e)
            {
                row.Errors[e.Field ?? "Amount"] = e.Message;
            }
        }
        return row;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string NotANumber(string text, string separator) =>
        $"\"{Echo.Short(text)}\" is not a number. With \"{separator}\" as the decimal separator, amounts read like " +
        (separator == "," ? "1.234,56" : "1,234.56") + ": check the decimal separator chosen for the file.";

    /// <summary>
    /// Reads a number exactly under the chosen format, or null: "1.234,56" and "-12,50" with ',' as the decimal
    /// separator, "1,234.56" with '.'. Thousands are grouped by threes with the other mark, a space or an
    /// apostrophe; "(12.50)" is negative. Anything else (a decimal mark of the other format, a misplaced
    /// group) is not read, so "-12,50" under '.' is an error instead of -1250.
    /// </summary>
    public static decimal? ParseNumber(string text, string decimalSeparator)
    {
        var s = text.Trim().Replace('\u00A0', ' ');
        var negative = s.Length > 2 && s[0] == '(' && s[^1] == ')';
        if (negative) s = s[1..^1].Trim();
        var match = (decimalSeparator == "," ? CommaNumber() : PointNumber()).Match(s);
        if (!match.Success) return null;
        var digits = match.Groups["int"].Value.Replace(" ", "").Replace("'", "").Replace(decimalSeparator == "," ? "." : ",", "");
        var number = digits + (match.Groups["frac"].Success ? "." + match.Groups["frac"].Value : "");
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return null;
        return negative || match.Groups["sign"].Value == "-" ? -d : d;
    }

    /// <summary>
    /// The decimal separator most of these values read under ('.' when tied): a file of "-12,50" and
    /// "1.250,00" is a ',' file.
    /// </summary>
    public static string GuessDecimalSeparator(IEnumerable<string> values)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        var point = list.Count(v => ParseNumber(v, ".") is not null);
        var comma = list.Count(v => ParseNumber(v, ",") is not null);
        return comma > point ? "," : ".";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<sign>[+-]?)\s*(?<int>\d{1,3}([,' ]\d{3})+|\d+)(\.(?<frac>\d+))?$")]
    private static partial System.Text.RegularExpressions.Regex PointNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<sign>[+-]?)\s*(?<int>\d{1,3}([.' ]\d{3})+|\d+)(,(?<frac>\d+))?$")]
    private static partial System.Text.RegularExpressions.Regex CommaNumber();

    public static string DuplicateKey(DateOnly date, decimal amount, string description) =>
        $"{date:yyyy-MM-dd}|{decimal.Round(amount, 4).ToString("0.####", CultureInfo.InvariantCulture)}|{description.Trim().ToUpperInvariant()}";
}

public sealed class ImportRow
{
    public int Row { get; set; }
    public LedgerKind Kind { get; set; } = LedgerKind.Income;
    public DateOnly? Date { get; set; }
    public string Description { get; set; } = "";
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public decimal Rate { get; set; } = 1m;
    public long HomeAmountMinor { get; set; }
    public string? Category { get; set; }
    public string? PaymentMode { get; set; }
    public string? Vendor { get; set; }
    public bool Duplicate { get; set; }
    public Dictionary<string, string> Errors { get; } = new();
}

public sealed record ParseResult(List<ImportRow> Rows, List<string> FileErrors)
{
    public IEnumerable<string> AllErrors => FileErrors.Concat(Rows.SelectMany(r => r.Errors.Select(e => $"Row {r.Row}, {e.Key}: {e.Value}")));
    public bool HasErrors => FileErrors.Count > 0 || Rows.Any(r => r.Errors.Count > 0);
    public int Duplicates => Rows.Count(r => r.Duplicate);
}

public sealed class ImportMapping
{
    public Guid Token { get; set; }
    public int? DateColumn { get; set; }
    public int? DescriptionColumn { get; set; }
    public int? AmountColumn { get; set; }
    public int? TypeColumn { get; set; }
    public int? CurrencyColumn { get; set; }
    public int? RateColumn { get; set; }
    public int? CategoryColumn { get; set; }
    public int? ModeColumn { get; set; }
    public int? VendorColumn { get; set; }
    public string DateFormat { get; set; } = "yyyy-MM-dd";
    public string DecimalSeparator { get; set; } = ".";

    /// <summary>The payment mode of every row without its own (e.g. Bank): the rows arrive received or paid. Blank: not yet.</summary>
    public string? FilePaymentMode { get; set; }

    /// <summary>Column index per field name, guessed from the header (an export's own names, or common bank names).</summary>
    public static ImportMapping Guess(Guid token, string[] headers)
    {
        int? Find(params string[] names)
        {
            for (var i = 0; i < headers.Length; i++)
                if (names.Any(n => headers[i].Trim().Equals(n, StringComparison.OrdinalIgnoreCase))) return i;
            return null;
        }
        return new ImportMapping
        {
            Token = token,
            DateColumn = Find("Date", "Booking date", "Transaction date", "Value date"),
            DescriptionColumn = Find("Description", "Details", "Memo", "Name", "Payee", "Reference"),
            AmountColumn = Find("Amount", "Value", "Sum"),
            TypeColumn = Find("Type", "Kind"),
            CurrencyColumn = Find("Currency"),
            RateColumn = Find("ExchangeRate", "Exchange rate", "Rate"),
            CategoryColumn = Find("Category", "Classification"),
            ModeColumn = Find("PaymentMode", "Payment mode"),
            VendorColumn = Find("Vendor"),
        };
    }
}

public sealed class ImportMappingValidator : AbstractValidator<ImportMapping>
{
    public ImportMappingValidator()
    {
        RuleFor(m => m.DateColumn).NotNull().WithMessage("Choose the column with the date.");
        RuleFor(m => m.DescriptionColumn).NotNull().WithMessage("Choose the column with the description.");
        RuleFor(m => m.AmountColumn).NotNull().WithMessage("Choose the column with the amount.");
        RuleFor(m => m.DateFormat).Must(f => LedgerCsv.DateFormats.Contains(f)).WithMessage("Choose a date format.");
        RuleFor(m => m.DecimalSeparator).Must(s => s is "." or ",").WithMessage("Choose the decimal separator.");
        RuleFor(m => m.FilePaymentMode).MaximumLength(100).WithMessage("At most 100 characters.");
    }
}

public sealed record ImportMapPage(ImportMapping Mapping, string[] Headers, List<string[]> Sample, string FileName);

public sealed record ImportPreviewPage(ImportMapping Mapping, ParseResult Result, string[] Headers);

/// <summary>What the status page shows of an import, read from the database on every poll.</summary>
public sealed record ImportProgress(Guid Token, ImportStatus Status, int Total, int Done, int Imported, int Skipped, string? Error)
{
    public bool Finished => Status is ImportStatus.Succeeded or ImportStatus.Failed;
    public int Percent => Total == 0 ? 100 : (int)(Math.Min(Done, Total) * 100L / Total);
}
