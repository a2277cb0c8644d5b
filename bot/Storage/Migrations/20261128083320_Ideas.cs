using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdoptionBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Ideas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idea_forms",
                columns: table => new
                {
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedToObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idea_forms", x => x.FormId);
                });

            migrationBuilder.CreateTable(
                name: "ideas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FormId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Solution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    BusinessUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Benefit = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DataClassification = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonalData = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmitterObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubmitterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmitterChannelId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ideas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idea_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ChangedByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idea_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_idea_status_changes_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idea_status_changes_ChangedAtUtc",
                table: "idea_status_changes",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_idea_status_changes_IdeaId",
                table: "idea_status_changes",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_ideas_FormId",
                table: "ideas",
                column: "FormId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ideas_Status",
                table: "ideas",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ideas_SubmitterObjectId",
                table: "ideas",
                column: "SubmitterObjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idea_forms");

            migrationBuilder.DropTable(
                name: "idea_status_changes");

            migrationBuilder.DropTable(
                name: "ideas");
        }
    }
}
