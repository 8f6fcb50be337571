using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// Fills the current account with realistic, repeatable data (a fixed random seed). Each feature adds
/// its own step here; every step is sized by <c>years</c> so benchmarks can ask for years of history.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, TimeProvider clock)
{
    private static readonly string[] Companies =
    [
        "Acme Ltd", "Globex GmbH", "Initech SARL", "Umbrella BV", "Stark Studio", "Wayne Analytics", "Hooli Labs",
        "Vandelay Imports", "Soylent Foods", "Tyrell Design", "Cyberdyne AB", "Aperture Media", "Pied Piper Oy",
        "Wonka Confections", "Gringotts Advisory", "Oceanic Travel", "Nakatomi Trading", "Monarch Books",
    ];

    private static readonly string[] People =
    [
        "Alice Martin", "Bruno Keller", "Chloé Dubois", "Daan de Vries", "Eva Lindqvist", "Farid Haddad", "Greta Novak",
        "Hiro Tanaka", "Isabel Costa", "Jonas Weber", "Kara O'Neill", "Luca Bianchi", "Maya Patel", "Nils Berg",
    ];

    public async Task<string> SeedAsync(int years, int seed)
    {
        var random = new Random(seed);
        var settings = await EnsureSettingsAsync();
        var clients = await SeedClientsAsync(random, years, settings);
        return $"{clients} clients.";
    }

    private static string EmailOf(string person)
    {
        var ascii = new string(person.Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray());
        return ascii.ToLowerInvariant().Replace(' ', '.').Replace("'", "") + "@example.com";
    }

    private async Task<AccountSettings> EnsureSettingsAsync()
    {
        var settings = await db.Settings.SingleOrDefaultAsync();
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
            db.Settings.Add(settings);
            await db.SaveChangesAsync();
        }
        return settings;
    }

    private async Task<int> SeedClientsAsync(Random random, int years, AccountSettings settings)
    {
        var count = 12 * years;
        var nextOrder = new Dictionary<ClientStage, int>();
        for (var i = 0; i < count; i++)
        {
            var company = Companies[i % Companies.Length] + (i >= Companies.Length ? $" {i / Companies.Length + 1}" : "");
            var person = People[random.Next(People.Length)];
            var stage = (ClientStage)(random.Next(10) switch { < 3 => 0, < 5 => 1, < 9 => 2, _ => 3 });
            var client = new Client
            {
                Name = company,
                Company = company,
                ContactPerson = person,
                Position = random.Next(2) == 0 ? "Managing director" : "Marketing lead",
                Email = EmailOf(person),
                Phone = $"+31 20 {random.Next(100, 999)} {random.Next(1000, 9999)}",
                Website = $"https://{company.ToLowerInvariant().Replace(' ', '-')}.example",
                Currency = random.Next(6) == 0 ? "USD" : settings.HomeCurrency,
                DefaultHourlyRate = random.Next(3) == 0 ? 95m : null,
                ContractValue = random.Next(1, 25) * 1000m,
                Notes = "Met at a meetup; prefers e-mail.",
                CreatedAt = clock.GetUtcNow().AddDays(-random.Next(365 * years)),
            };
            var order = nextOrder.GetValueOrDefault(stage);
            nextOrder[stage] = order + 1;
            client.MoveTo(stage, order);
            db.Clients.Add(client);
        }
        await db.SaveChangesAsync();
        return count;
    }
}
