using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeptBilledMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientMonthBilled",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    SubtotalUnits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientMonthBilled", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientMonthBilled_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMonthBilled",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    AmountUnits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMonthBilled", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMonthBilled_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_ClientId",
                table: "ClientMonthBilled",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_OwnerId_Period_ClientId_Currency",
                table: "ClientMonthBilled",
                columns: new[] { "OwnerId", "Period", "ClientId", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_OwnerId_Period_ClientId_Currency_Subtotal~",
                table: "ClientMonthBilled",
                columns: new[] { "OwnerId", "Period", "ClientId", "Currency", "SubtotalUnits" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_OwnerId_Period_ProjectId_Currency",
                table: "ProjectMonthBilled",
                columns: new[] { "OwnerId", "Period", "ProjectId", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_OwnerId_Period_ProjectId_Currency_Amount~",
                table: "ProjectMonthBilled",
                columns: new[] { "OwnerId", "Period", "ProjectId", "Currency", "AmountUnits" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_ProjectId",
                table: "ProjectMonthBilled",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientMonthBilled");

            migrationBuilder.DropTable(
                name: "ProjectMonthBilled");
        }
    }
}
