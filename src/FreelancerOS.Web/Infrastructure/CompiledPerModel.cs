using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// An EF compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, CancellationToken, TResult}})"/>)
/// per model: a compiled query is bound to the model it first ran against, and a process can hold more than one
/// (the tests run SQLite and PostgreSQL apps side by side); the app itself has one, so it compiles once.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
