using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Infrastructure;

public static class DbExtensions
{
    /// <summary>Counts rows of every account, bypassing the ownership filter (tests only).</summary>
    public static int IgnoreQueryFiltersCount<T>(this DbSet<T> set) where T : class => set.IgnoreQueryFilters().Count();
}
