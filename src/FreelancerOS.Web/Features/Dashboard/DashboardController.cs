using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Dashboard;

public sealed class DashboardController(AppDbContext db) : Controller
{
    [HttpGet("/")]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index()
    {
        var homeCurrency = await db.Settings.Select(s => s.HomeCurrency).FirstOrDefaultAsync() ?? "EUR";
        var pipeline = await db.Clients
            .Where(c => c.Stage == ClientStage.Lead || c.Stage == ClientStage.Negotiation)
            .GroupBy(c => c.Currency)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(c => c.ContractValue), g.Count()))
            .ToListAsync();
        return View(new DashboardModel(homeCurrency, pipeline));
    }
}

public sealed record CurrencyTotal(string Currency, decimal Amount, int Count);

public sealed record DashboardModel(string HomeCurrency, IReadOnlyList<CurrencyTotal> Pipeline);
