package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stage ⇄ the canonical stage by the stages of the record's pipeline, which are the connection's own (a HubSpot
 * portal's deal pipelines): {@code canonical: [stage, pipeline]}, {@code vendor: [<stage field>, <pipeline field>]},
 * {@code transform: {pipelineStage: {defaultPipeline: default}}}. The file says which fields and that stages go by
 * pipeline; the per-connection table is supplied when the binding binds the mapping to a connection
 * ({@link #bind}). The pipeline passes through as it is; a record without one is in {@code defaultPipeline}.
 *
 * <p>Read: an absent stage stays absent, an empty one is {@code ""}, a stage the table maps to no canonical stage is
 * left out (absent: never a guess). Write: the pipeline is always written with the stage (a stage id means nothing
 * without it); a canonical stage the pipeline has no stage for is refused ({@code unmapped_value}).
 *
 * @param stages the connection's table, or null in the file's unbound rule (which then maps nothing)
 */
public record PipelineStageTransform(String defaultPipeline, @Nullable Stages stages) implements Transform {

  /** A connection's stages per pipeline. */
  public interface Stages {
    /** The canonical stage of a vendor stage of the pipeline, or null when there is none. */
    @Nullable String canonical(String pipeline, String stage);

    /** The vendor stage of the pipeline that stands for {@code canonical}, if the pipeline has one. */
    Optional<String> stage(String pipeline, String canonical);
  }

  @Override
  public String name() {
    return "pipelineStage";
  }

  /** This rule with the connection's table. */
  public PipelineStageTransform bind(Stages table) {
    return new PipelineStageTransform(defaultPipeline, table);
  }

  /** The pipeline a record is in: its own, or the default one when it names none. */
  public String pipelineOf(@Nullable Object pipeline) {
    String p = Transform.text(pipeline);
    return p.isEmpty() ? defaultPipeline : p;
  }

  @Override
  public List<@Nullable Object> read(List<@Nullable Object> vendor) {
    Object stage = vendor.get(0);
    Object pipeline = vendor.size() > 1 ? vendor.get(1) : null;
    List<@Nullable Object> out = new ArrayList<>();
    if (stage == null) {
      out.add(null);
    } else if (Transform.text(stage).isEmpty()) {
      out.add("");
    } else {
      out.add(table().canonical(pipelineOf(pipeline), Transform.text(stage)));
    }
    out.add(pipeline == null ? null : Transform.text(pipeline));
    return out;
  }

  @Override
  public List<@Nullable Object> write(List<@Nullable Object> canonical) {
    Object stage = canonical.get(0);
    Object pipeline = canonical.size() > 1 ? canonical.get(1) : null;
    List<@Nullable Object> out = new ArrayList<>();
    String p = pipelineOf(pipeline);
    if (stage == null) {
      out.add(null);
    } else if (Transform.text(stage).isEmpty()) {
      out.add("");
    } else {
      String s = Transform.text(stage);
      out.add(table().stage(p, s).orElseThrow(() -> new MappingValueException(MappingValueException.UNMAPPED_VALUE,
          "pipeline " + p + " has no stage for " + s)));
    }
    out.add(stage == null && pipeline == null ? null : p);
    return out;
  }

  private Stages table() {
    if (stages == null) {
      throw new IllegalStateException("pipelineStage maps by a connection's pipelines: bind it first");
    }
    return stages;
  }

  @Override
  public @Nullable String incompatibility(List<@Nullable ValueType> types, int vendorCount, Direction direction) {
    if (types.size() != 2 || vendorCount != 2) {
      return "pipelineStage maps two canonical fields (stage, pipeline) to two vendor fields (stage, pipeline)";
    }
    ValueType stage = types.get(0);
    if (stage != null && !(stage instanceof ValueType.EnumType)) {
      return "pipelineStage maps a stage onto an enum field, not " + stage.name();
    }
    ValueType pipeline = types.get(1);
    return pipeline == null || pipeline instanceof ValueType.TextType ? null
        : "pipelineStage keeps the pipeline in a text field, not " + pipeline.name();
  }
}
