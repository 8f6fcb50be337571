using System.Globalization;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FreelancerOS.Web.Features.Invoices;

public sealed record InvoicePdfLine(string Description, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>Everything printed on an invoice, read from the stored figures (never recomputed here).</summary>
public sealed record InvoicePdfModel(
    string? Number, InvoiceStatus Status, DateOnly IssueDate, DateOnly DueDate, string Currency,
    string BusinessName, string? BusinessAddress, string? BusinessEmail, string? TaxId, string? PaymentInstructions,
    string ClientName, string? ClientCompany, string? ClientContact, string? ClientEmail,
    IReadOnlyList<InvoicePdfLine> Lines, decimal Subtotal, decimal? TaxRate, decimal Tax, decimal Total,
    decimal AmountPaid, string? Notes, string Culture)
{
    /// <summary>Nothing is due on a void invoice, whatever was paid before it was voided.</summary>
    public decimal BalanceDue => Status == InvoiceStatus.Void ? 0m : Total - AmountPaid;

    public string? ClientAddress { get; init; }
    public string? ClientTaxId { get; init; }
    public string? TaxNote { get; init; }

    /// <summary>The account's logo (PNG or JPEG bytes), printed top left; null for none.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>An issued invoice prints the parties as they were on issue; a draft prints today's.</summary>
    public static InvoicePdfModel From(Invoice i, AccountSettings s, byte[]? logo = null)
    {
        var p = i.IssuedParties ?? InvoiceParties.From(s, i.Client ?? new Client());
        return new(
            i.Number, i.Status, i.IssueDate, i.DueDate, i.Currency,
            p.BusinessName, p.BusinessAddress, p.BusinessEmail, p.TaxId, p.PaymentInstructions,
            p.ClientName, p.ClientCompany, p.ClientContact, p.ClientEmail,
            i.Lines.OrderBy(l => l.Position).Select(l => new InvoicePdfLine(l.Description, l.Quantity, l.UnitPrice, l.Amount)).ToList(),
            i.Subtotal, i.TaxRate, i.Tax, i.Total, i.AmountPaid, i.Notes, s.Culture)
        {
            ClientAddress = p.ClientAddress, ClientTaxId = p.ClientTaxId, TaxNote = p.TaxNote, Logo = logo,
        };
    }
}

/// <summary>
/// Lays out an A4 invoice with XGraphics (MigraDoc is not available): header, business and client
/// blocks, a lines table that flows over as many pages as needed with its header repeated, totals,
/// payment instructions, a DRAFT / PAID / VOID stamp, and "Page n of m" on every page.
/// </summary>
public static class InvoicePdf
{
    private const double Margin = 50;
    private const double PageWidth = 595.28;   // A4 in points
    private const double PageHeight = 841.89;
    private const double ContentWidth = PageWidth - 2 * Margin;
    private const double FooterTop = PageHeight - Margin + 10;
    private const double BodyBottom = PageHeight - Margin - 20;

    // Table columns: description | quantity | unit price | amount (right-aligned numbers).
    private const double QtyWidth = 60, PriceWidth = 95, AmountWidth = 100;
    private const double DescWidth = ContentWidth - QtyWidth - PriceWidth - AmountWidth;
    private const double CellPad = 6;

    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x80);
    private static readonly XColor Rule = XColor.FromArgb(0xD9, 0xDE, 0xE5);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xEE, 0xF2, 0xF7);

    public static byte[] Render(InvoicePdfModel m)
    {
        PdfFonts.Configure();
        var culture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(m.Culture) ? "en-GB" : m.Culture);
        var fonts = new Fonts();
        using var document = new PdfDocument();
        document.Info.Title = m.Number is null ? $"Draft invoice – {m.ClientName}" : $"Invoice {m.Number}";
        document.Info.Author = m.BusinessName;

        var writer = new PageWriter(document, fonts, m);
        var y = DrawHeader(writer.Graphics, fonts, m, culture);
        y = DrawTable(writer, m, culture, y);
        y = DrawTotals(writer, m, culture, y);
        DrawClosing(writer, m, y);

        writer.Close();
        var pageCount = document.PageCount;
        for (var p = 0; p < pageCount; p++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[p], XGraphicsPdfPageOptions.Append);
            DrawFooter(g, fonts, m, p + 1, pageCount);
            DrawStamp(g, fonts, m.Status);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed class Fonts
    {
        public readonly XFont Title = new(PdfFonts.Family, 22, XFontStyleEx.Bold);
        public readonly XFont Business = new(PdfFonts.Family, 14, XFontStyleEx.Bold);
        public readonly XFont Label = new(PdfFonts.Family, 7.5, XFontStyleEx.Bold);
        public readonly XFont Body = new(PdfFonts.Family, 9.5, XFontStyleEx.Regular);
        public readonly XFont BodyBold = new(PdfFonts.Family, 9.5, XFontStyleEx.Bold);
        public readonly XFont Small = new(PdfFonts.Family, 8, XFontStyleEx.Regular);
        public readonly XFont TotalBold = new(PdfFonts.Family, 11, XFontStyleEx.Bold);
        public readonly XFont Stamp = new(PdfFonts.Family, 96, XFontStyleEx.Bold);
    }

    /// <summary>Owns the current page; a new page starts when the next block does not fit.</summary>
    private sealed class PageWriter(PdfDocument document, Fonts fonts, InvoicePdfModel model)
    {
        public Fonts Fonts { get; } = fonts;
        public InvoicePdfModel Model { get; } = model;
        private XGraphics? _graphics;
        public bool IsOpen => _graphics is not null;

        public XGraphics Graphics => _graphics ??= NewPage();

        public XGraphics NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _graphics = XGraphics.FromPdfPage(page);
            return _graphics;
        }

        public void Close()
        {
            _graphics?.Dispose();
            _graphics = null;
        }
    }

    private static string Money(decimal amount, string currency, CultureInfo culture) => Currency.Format(amount, currency, culture);

    private static string Quantity(decimal q, CultureInfo culture) => q.ToString("0.####", culture);

    /// <summary>The account's date format: the short date of its "Number and date format" setting.</summary>
    private static string Date(DateOnly d, CultureInfo culture) => d.ToString("d", culture);

    private static double DrawHeader(XGraphics g, Fonts f, InvoicePdfModel m, CultureInfo culture)
    {
        var y = Margin;
        // Left: the logo, then the business block under it.
        var logoHeight = DrawLogo(g, m.Logo, y);
        if (logoHeight > 0) y += logoHeight + 10;
        var business = string.IsNullOrWhiteSpace(m.BusinessName) ? "Your business name (Settings)" : m.BusinessName;
        g.DrawString(business, f.Business, new XSolidBrush(Accent), new XPoint(Margin, y + 14));
        var by = y + 30;
        foreach (var line in Lines(m.BusinessAddress).Concat(Lines(m.BusinessEmail))
                     .Concat(m.TaxId is { Length: > 0 } ? [$"Tax ID {m.TaxId}"] : []))
        {
            g.DrawString(line, f.Body, new XSolidBrush(Muted), new XPoint(Margin, by));
            by += 12.5;
        }

        // Right: INVOICE and its number.
        var right = PageWidth - Margin;
        const double top0 = Margin;
        g.DrawString("INVOICE", f.Title, new XSolidBrush(Accent), new XRect(right - 250, top0 - 2, 250, 26), XStringFormats.TopRight);
        g.DrawString(m.Number ?? "DRAFT", f.BodyBold, XBrushes.Black, new XRect(right - 250, top0 + 26, 250, 14), XStringFormats.TopRight);
        if (StatusNote(m) is { } note)
            g.DrawString(note.Text, f.BodyBold, new XSolidBrush(note.Color), new XRect(right - 250, top0 + 41, 250, 14), XStringFormats.TopRight);

        y = Math.Max(by, y + 60) + 18;
        g.DrawLine(new XPen(Rule, 0.8), Margin, y, right, y);
        y += 16;

        // Bill to (left) and the invoice's facts (right).
        var top = y;
        g.DrawString("BILL TO", f.Label, new XSolidBrush(Muted), new XPoint(Margin, y + 7));
        y += 20;
        g.DrawString(m.ClientName, f.BodyBold, XBrushes.Black, new XPoint(Margin, y));
        y += 13;
        var billTo = new[] { m.ClientCompany != m.ClientName ? m.ClientCompany : null, m.ClientContact is { } c ? $"Attn. {c}" : null }
            .Concat(Lines(m.ClientAddress))
            .Concat([m.ClientEmail, m.ClientTaxId is { Length: > 0 } vat ? $"VAT ID {vat}" : null]);
        foreach (var line in billTo.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            g.DrawString(line!, f.Body, XBrushes.Black, new XPoint(Margin, y));
            y += 12.5;
        }

        var facts = new (string Label, string Value)[]
        {
            ("Invoice number", m.Number ?? "DRAFT (not issued)"),
            ("Issue date", Date(m.IssueDate, culture)),
            ("Due date", Date(m.DueDate, culture)),
            ("Currency", m.Currency),
        };
        var fy = top + 7;
        foreach (var (label, value) in facts)
        {
            g.DrawString(label, f.Body, new XSolidBrush(Muted), new XRect(right - 260, fy - 9, 120, 12), XStringFormats.TopLeft);
            g.DrawString(value, f.BodyBold, XBrushes.Black, new XRect(right - 140, fy - 9, 140, 12), XStringFormats.TopRight);
            fy += 15;
        }
        return Math.Max(y, fy) + 22;
    }

    private static double DrawTableHeader(XGraphics g, Fonts f, double y)
    {
        const double height = 20;
        g.DrawRectangle(new XSolidBrush(HeaderFill), Margin, y, ContentWidth, height);
        var brush = new XSolidBrush(Accent);
        var x = Margin;
        g.DrawString("DESCRIPTION", f.Label, brush, new XRect(x + CellPad, y, DescWidth - CellPad, height), XStringFormats.CenterLeft);
        x += DescWidth;
        g.DrawString("QTY", f.Label, brush, new XRect(x, y, QtyWidth - CellPad, height), XStringFormats.CenterRight);
        x += QtyWidth;
        g.DrawString("UNIT PRICE", f.Label, brush, new XRect(x, y, PriceWidth - CellPad, height), XStringFormats.CenterRight);
        x += PriceWidth;
        g.DrawString("AMOUNT", f.Label, brush, new XRect(x, y, AmountWidth - CellPad, height), XStringFormats.CenterRight);
        return y + height;
    }

    private static double DrawTable(PageWriter w, InvoicePdfModel m, CultureInfo culture, double y)
    {
        var f = w.Fonts;
        var g = w.Graphics;
        y = DrawTableHeader(g, f, y);
        const double lineHeight = 12;
        foreach (var line in m.Lines)
        {
            var wrapped = Wrap(g, line.Description, f.Body, DescWidth - 2 * CellPad);
            var rowHeight = wrapped.Count * lineHeight + 10;
            if (y + rowHeight > BodyBottom)
            {
                g = w.NewPage();
                y = DrawTableHeader(g, f, Margin);
            }
            var textY = y + 5;
            for (var k = 0; k < wrapped.Count; k++)
                g.DrawString(wrapped[k], f.Body, XBrushes.Black, new XRect(Margin + CellPad, textY + k * lineHeight, DescWidth - 2 * CellPad, lineHeight), XStringFormats.TopLeft);
            var x = Margin + DescWidth;
            g.DrawString(Quantity(line.Quantity, culture), f.Body, XBrushes.Black, new XRect(x, textY, QtyWidth - CellPad, lineHeight), XStringFormats.TopRight);
            x += QtyWidth;
            g.DrawString(Money(line.UnitPrice, m.Currency, culture), f.Body, XBrushes.Black, new XRect(x, textY, PriceWidth - CellPad, lineHeight), XStringFormats.TopRight);
            x += PriceWidth;
            g.DrawString(Money(line.Amount, m.Currency, culture), f.Body, XBrushes.Black, new XRect(x, textY, AmountWidth - CellPad, lineHeight), XStringFormats.TopRight);
            y += rowHeight;
            g.DrawLine(new XPen(Rule, 0.5), Margin, y, Margin + ContentWidth, y);
        }
        if (m.Lines.Count == 0)
        {
            g.DrawString("No lines yet.", f.Body, new XSolidBrush(Muted), new XPoint(Margin + CellPad, y + 15));
            y += 24;
        }
        return y + 12;
    }

    private static double DrawTotals(PageWriter w, InvoicePdfModel m, CultureInfo culture, double y)
    {
        var f = w.Fonts;
        var rows = new List<(string Label, string Value, bool Strong)>
        {
            ("Subtotal", Money(m.Subtotal, m.Currency, culture), false),
            (m.TaxRate is { } r ? $"Tax ({r.ToString("0.####", culture)} %)" : "Tax", Money(m.Tax, m.Currency, culture), false),
            ("Total", Money(m.Total, m.Currency, culture), true),
            ("Amount paid", Money(m.AmountPaid, m.Currency, culture), false),
        };
        // A void invoice asks for nothing: its last row says so instead of a balance.
        rows.Add(m.Status == InvoiceStatus.Void ? ("VOID", "nothing is due", true) : ("Balance due", Money(m.BalanceDue, m.Currency, culture), true));
        var taxNote = Lines(m.TaxNote).ToList();
        var height = rows.Count * 18 + 16 + taxNote.Count * 24;
        var g = w.Graphics;
        if (y + height > BodyBottom) { g = w.NewPage(); y = Margin; }

        const double width = 250;
        var left = PageWidth - Margin - width;
        foreach (var (label, value, strong) in rows)
        {
            if (label is "Balance due" or "VOID")
            {
                y += 4;
                g.DrawRectangle(new XSolidBrush(Accent), left, y, width, 22);
                g.DrawString(label, f.TotalBold, XBrushes.White, new XRect(left + CellPad, y, width / 2, 22), XStringFormats.CenterLeft);
                g.DrawString(value, f.TotalBold, XBrushes.White, new XRect(left, y, width - CellPad, 22), XStringFormats.CenterRight);
                y += 22;
                continue;
            }
            var font = strong ? f.BodyBold : f.Body;
            g.DrawString(label, font, strong ? XBrushes.Black : new XSolidBrush(Muted), new XRect(left + CellPad, y, width / 2, 18), XStringFormats.CenterLeft);
            g.DrawString(value, font, XBrushes.Black, new XRect(left, y, width - CellPad, 18), XStringFormats.CenterRight);
            y += 18;
            if (label == "Total") g.DrawLine(new XPen(Rule, 0.8), left, y, left + width, y);
        }
        if (taxNote.Count > 0)
        {
            // Under the totals, full width: the legal wording (reverse charge, exemption) belongs with the tax.
            y += 10;
            foreach (var line in taxNote.SelectMany(t => Wrap(g, t, f.Body, ContentWidth)))
            {
                g.DrawString(line, f.Body, XBrushes.Black, new XPoint(Margin, y + 8));
                y += 12.5;
            }
        }
        return y + 24;
    }

    private static void DrawClosing(PageWriter w, InvoicePdfModel m, double y)
    {
        var f = w.Fonts;
        var blocks = new List<(string Title, IReadOnlyList<string> Text)>();
        var culture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(m.Culture) ? "en-GB" : m.Culture);
        var request = m.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue or InvoiceStatus.Draft && m.BalanceDue > 0
            ? [$"Please pay {Money(m.BalanceDue, m.Currency, culture)} by {Date(m.DueDate, culture)}" + (m.Number is null ? "." : $", quoting {m.Number}.")]
            : Array.Empty<string>();
        if (!string.IsNullOrWhiteSpace(m.PaymentInstructions))
            blocks.Add(("PAYMENT INSTRUCTIONS", Lines(m.PaymentInstructions).Concat(request).ToList()));
        if (!string.IsNullOrWhiteSpace(m.Notes))
            blocks.Add(("NOTES", Lines(m.Notes).ToList()));

        foreach (var (title, text) in blocks)
        {
            var g = w.Graphics;
            var wrapped = text.SelectMany(t => Wrap(g, t, f.Body, ContentWidth)).ToList();
            var height = 18 + wrapped.Count * 12.5 + 14;
            if (y + height > BodyBottom) { g = w.NewPage(); y = Margin; }
            g.DrawString(title, f.Label, new XSolidBrush(Muted), new XPoint(Margin, y + 7));
            y += 20;
            foreach (var line in wrapped)
            {
                g.DrawString(line, f.Body, XBrushes.Black, new XPoint(Margin, y + 8));
                y += 12.5;
            }
            y += 14;
        }
    }

    private const double LogoMaxWidth = 160, LogoMaxHeight = 60;

    /// <summary>Draws the logo scaled into its box; returns the height used (0 without a logo or when it cannot be read).</summary>
    private static double DrawLogo(XGraphics g, byte[]? logo, double y)
    {
        if (logo is not { Length: > 0 }) return 0;
        try
        {
            using var image = XImage.FromStream(new MemoryStream(logo, writable: false));
            var scale = Math.Min(LogoMaxWidth / image.PointWidth, LogoMaxHeight / image.PointHeight);
            scale = Math.Min(scale, 1);
            var (w, h) = (image.PointWidth * scale, image.PointHeight * scale);
            g.DrawImage(image, Margin, y, w, h);
            return h;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Checked on upload; an unreadable logo must never cost the client their invoice.
            return 0;
        }
    }

    private static void DrawFooter(XGraphics g, Fonts f, InvoicePdfModel m, int page, int pages)
    {
        var brush = new XSolidBrush(Muted);
        g.DrawLine(new XPen(Rule, 0.5), Margin, FooterTop - 6, PageWidth - Margin, FooterTop - 6);
        var left = string.Join(" · ", new[] { m.BusinessName, m.Number ?? "Draft invoice", m.ClientName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        g.DrawString(left, f.Small, brush, new XRect(Margin, FooterTop, ContentWidth - 90, 12), XStringFormats.TopLeft);
        g.DrawString($"Page {page} of {pages}", f.Small, brush, new XRect(Margin, FooterTop, ContentWidth, 12), XStringFormats.TopRight);
    }

    private static (string Text, XColor Color)? StatusNote(InvoicePdfModel m) => m.Status switch
    {
        InvoiceStatus.Draft => ("DRAFT – not a valid invoice yet", Muted),
        InvoiceStatus.Paid => ("PAID – thank you", XColor.FromArgb(0x19, 0x87, 0x54)),
        InvoiceStatus.Void => ("VOID – cancelled, nothing is due", XColor.FromArgb(0xDC, 0x35, 0x45)),
        InvoiceStatus.Overdue => ("OVERDUE", XColor.FromArgb(0xDC, 0x35, 0x45)),
        _ => null,
    };

    private static void DrawStamp(XGraphics g, Fonts f, InvoiceStatus status)
    {
        var (text, color) = status switch
        {
            InvoiceStatus.Draft => ("DRAFT", XColor.FromArgb(40, 0x6B, 0x72, 0x80)),
            InvoiceStatus.Paid => ("PAID", XColor.FromArgb(45, 0x19, 0x87, 0x54)),
            InvoiceStatus.Void => ("VOID", XColor.FromArgb(45, 0xDC, 0x35, 0x45)),
            _ => ((string?)null, XColors.Transparent),
        };
        if (text is null) return;
        var state = g.Save();
        g.RotateAtTransform(-30, new XPoint(PageWidth / 2, PageHeight / 2));
        g.DrawString(text, f.Stamp, new XSolidBrush(color), new XRect(0, PageHeight / 2 - 60, PageWidth, 120), XStringFormats.Center);
        g.Restore(state);
    }

    private static IEnumerable<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>Greedy word wrap by measured width; a word longer than the width is cut.</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
                if (line.Length > 0) result.Add(line);
                line = word;
                while (g.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && g.MeasureString(line[..cut], font).Width > width) cut--;
                    result.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            result.Add(line);
        }
        return result.Count == 0 ? [""] : result;
    }
}
