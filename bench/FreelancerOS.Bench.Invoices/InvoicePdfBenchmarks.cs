using BenchmarkDotNet.Attributes;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;

namespace FreelancerOS.Bench.Invoices;

/// <summary>Rendering an invoice PDF (what GET /invoices/pdf/{id} spends besides one query).</summary>
[MemoryDiagnoser]
[InProcess] // the generated out-of-process project cannot restore the ASP.NET Core packages from this registry copy
public class InvoicePdfBenchmarks
{
    [Params(1, 200)]
    public int Lines { get; set; }

    private InvoicePdfModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = Enumerable.Range(1, Lines)
            .Select(k => new InvoicePdfLine($"Task {k}: development, review and deployment of the feature", 1.5m, 80m, 120m)).ToList();
        var subtotal = 120m * Lines;
        var tax = Currency.Round(subtotal * 0.21m, "EUR");
        _model = new InvoicePdfModel("INV-2026-0007", InvoiceStatus.Sent, new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), "EUR",
            "Jordan Freelance Studio", "12 Canal Street\n1012 AB Amsterdam\nNetherlands", "hello@jordan.example", "NL123456789B01",
            "IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A", "Acme Ltd", "Acme Holding BV", "Alice Martin", "alice@acme.example",
            lines, subtotal, 21m, tax, subtotal + tax, 0m, "Thank you for your business.", "en-GB");
        InvoicePdf.Render(_model); // fonts loaded once, as after the first request
    }

    [Benchmark]
    public int Render() => InvoicePdf.Render(_model).Length;
}
