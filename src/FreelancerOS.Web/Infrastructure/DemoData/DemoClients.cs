using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>Clients at every stage of the pipeline, a sixth of them billed in USD.</summary>
public static class DemoClients
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

    public static async Task<int> SeedAsync(DemoRun run)
    {
        var random = run.Random;
        var count = run.Profile.ClientsPerYear * run.Years;
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
                Currency = random.Next(6) == 0 ? "USD" : run.Settings.HomeCurrency,
                DefaultHourlyRate = random.Next(3) == 0 ? 95m : null,
                ContractValue = random.Next(1, 25) * 1000m,
                Notes = "Met at a meetup; prefers e-mail.",
                CreatedAt = run.Clock.GetUtcNow().AddDays(-random.Next(365 * run.Years)),
            };
            var order = nextOrder.GetValueOrDefault(stage);
            nextOrder[stage] = order + 1;
            client.MoveTo(stage, order);
            run.Db.Clients.Add(client);
        }
        await run.SaveBatchAsync(clear: true);
        return count;
    }

    private static string EmailOf(string person)
    {
        var ascii = new string(person.Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray());
        return ascii.ToLowerInvariant().Replace(' ', '.').Replace("'", "") + "@example.com";
    }
}
