using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.AspNetCore.Identity;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// <c>dotnet run --project src/FreelancerOS.Web -- seed-demo --email you@example.com [--password P] [--years N] [--seed S] [--profile standard|heavy]</c>:
/// creates the account if it does not exist and fills it with realistic data. --years scales the data
/// (benchmarks use it to get years of history); --profile heavy is a busy freelancer, ten years by default.
/// </summary>
public static class DemoDataCommand
{
    public const string DefaultPassword = "Demo-password-2026";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: seed-demo --email you@example.com [--password P] [--years N] [--seed S] [--profile standard|heavy]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();

        var user = await users.FindByEmailAsync(options.Email);
        var created = false;
        if (user is null)
        {
            user = new AppUser { UserName = options.Email, Email = options.Email };
            var result = await users.CreateAsync(user, options.Password);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
                return 1;
            }
            LedgerLists.AddDefaults(sp.GetRequiredService<AppDbContext>(), user.Id);
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            created = true;
        }

        sp.GetRequiredService<CurrentUser>().ActAs(user.Id);
        var summary = await sp.GetRequiredService<DemoDataSeeder>().SeedAsync(options.Years, options.Seed, options.Profile);
        Console.WriteLine(created
            ? $"Created {options.Email} with password '{options.Password}'."
            : $"Added demo data to the existing account {options.Email}.");
        Console.WriteLine(summary);
        return 0;
    }

    private sealed record Options(string Email, string Password, int Years, int Seed, DemoProfile Profile);

    private static Options? Parse(string[] args)
    {
        string? email = null;
        var password = DefaultPassword;
        int? years = null;
        var profile = DemoProfile.Standard;
        var seed = 2026;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email" when value is not null: email = value; i++; break;
                case "--password" when value is not null: password = value; i++; break;
                case "--years" when int.TryParse(value, out var y) && y is >= 1 and <= 50: years = y; i++; break;
                case "--seed" when int.TryParse(value, out var s): seed = s; i++; break;
                case "--profile" when value is not null && DemoProfile.Named(value) is { } named: profile = named; i++; break;
                default: return null;
            }
        }
        return email is null ? null : new Options(email, password, years ?? (profile.Batched ? 10 : 1), seed, profile);
    }
}
