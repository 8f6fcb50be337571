using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>The account's settings: a Dutch studio billing in EUR, unless the account has settings already.</summary>
public static class DemoAccount
{
    public static async Task EnsureSettingsAsync(DemoRun run)
    {
        var settings = await run.Db.Settings.SingleOrDefaultAsync();
        if (settings is null)
        {
            settings = new AccountSettings
            {
                HomeCurrency = "EUR",
                BusinessName = "Jordan Freelance Studio",
                BusinessAddress = "12 Canal Street\n1012 AB Amsterdam\nNetherlands",
                BusinessEmail = "hello@jordan.example",
                TaxId = "NL123456789B01",
                PaymentInstructions = "IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A\nPlease quote the invoice number.",
                DefaultHourlyRate = 85m,
            };
            run.Db.Settings.Add(settings);
            await run.SaveBatchAsync();
        }
        run.Settings = settings;
    }
}
