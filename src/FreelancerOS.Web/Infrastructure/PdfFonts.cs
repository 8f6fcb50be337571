using PdfSharp.Fonts;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// PDFsharp on Linux needs a font resolver. DejaVu Sans (fonts-dejavu-core) is used when installed;
/// otherwise the Segoe WP family that ships inside the PDFsharp package, so a PDF can always be made.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Invoice Sans";
    private const string DejaVuFolder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>Sets the font resolver, once per process.</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (_configured) return;
            GlobalFontSettings.FontResolver ??= new PdfFonts();
            _configured = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "invoice-bold" : "invoice-regular");

    public byte[]? GetFont(string faceName)
    {
        var bold = faceName == "invoice-bold";
        var file = Path.Combine(DejaVuFolder, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        if (File.Exists(file)) return File.ReadAllBytes(file);
        return bold ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
