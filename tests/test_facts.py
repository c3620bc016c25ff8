"""Facts: the machine (memory limits for real under RLIMIT_AS, cgroup files, token presence) and the model's
sizes read without loading or downloading its weights (headers, cache, Hub double, config on meta)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.hub_double import HubDouble
from support.tiny_models import make_lfs_pointer, truncate_file

from advisor.facts import cgroup_memory, gather
from advisor.modelfacts import PLAN_DTYPES, local_model_dir, model_facts, read_safetensors_header


def _real_parameter_count(folder: Path) -> int:
    """Count by loading every tensor for real (what the header-only path must agree with)."""
    from safetensors.torch import load_file

    return sum(t.numel() for f in folder.glob("*.safetensors") for t in load_file(f).values())


# --------------------------------------------------------------------------------------------------
# Machine facts
# --------------------------------------------------------------------------------------------------


def test_gather_reports_the_machine_and_never_a_token_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_SecretValue123456789")
    facts = gather()
    assert facts.token_present is True
    assert "hf_SecretValue123456789" not in facts.model_dump_json()
    assert facts.ram_available_bytes > 0 and facts.effective_ram_bytes <= facts.ram_available_bytes
    assert facts.disk_free_bytes and facts.offload_disk_free_bytes
    assert facts.packages["torch"] and facts.packages["accelerate"]
    assert facts.cuda_available == bool(facts.gpus)


def test_rlimit_as_is_the_effective_limit_in_a_real_subprocess() -> None:
    limit = 3 * 2**30
    code = textwrap.dedent(f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_AS, ({limit}, resource.RLIM_INFINITY))
        from advisor.facts import gather, memory_limit_bytes
        facts = gather(torch_loaded=False)
        print(json.dumps([memory_limit_bytes(), facts.memory_limit_kind, facts.memory_headroom_bytes,
                          facts.effective_ram_bytes, facts.ram_available_bytes]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    found, kind, headroom, effective, host = json.loads(out.stdout.strip().splitlines()[-1])
    assert found == limit and kind == "rlimit_as"
    assert 0 < headroom < limit  # the interpreter's own address space is already used
    assert effective == min(headroom, host)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_cgroup_v2_limit_is_read_from_the_process_cgroup_and_its_parents(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    _write(tmp_path / "self_cgroup", "0::/user.slice/job\n")
    _write(root / "user.slice" / "job" / "memory.max", "max\n")  # the leaf sets no limit
    _write(root / "user.slice" / "job" / "memory.current", "1000\n")
    _write(root / "user.slice" / "memory.max", "8589934592\n")  # its parent does: 8 GiB
    _write(root / "user.slice" / "memory.current", "2147483648\n")
    limit, headroom = cgroup_memory(root, tmp_path / "self_cgroup")
    assert limit == 8 * 2**30 and headroom == 6 * 2**30


def test_cgroup_v1_limit_inside_a_container_falls_back_to_the_mount_root(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    _write(tmp_path / "self_cgroup", "4:memory:/docker/abc123\n0::/\n")  # host path, not visible inside
    _write(root / "memory" / "memory.limit_in_bytes", "4294967296\n")
    _write(root / "memory" / "memory.usage_in_bytes", "1073741824\n")
    assert cgroup_memory(root, tmp_path / "self_cgroup") == (4 * 2**30, 3 * 2**30)


def test_no_cgroup_limit_reads_as_none(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    _write(tmp_path / "self_cgroup", "0::/\n")
    _write(root / "memory.max", "max\n")
    _write(root / "memory" / "memory.limit_in_bytes", "9223372036854771712\n")  # v1's "unlimited"
    assert cgroup_memory(root, tmp_path / "self_cgroup") == (None, None)


# --------------------------------------------------------------------------------------------------
# Model facts
# --------------------------------------------------------------------------------------------------


def test_safetensors_headers_give_the_real_parameter_count(tiny_llama_dir: Path) -> None:
    facts = model_facts(str(tiny_llama_dir))
    assert facts is not None and facts.source == "safetensors" and facts.safetensors
    assert facts.parameters == _real_parameter_count(tiny_llama_dir)
    assert facts.dtypes == {"float32": facts.parameters} and facts.stored_dtype == "float32"
    assert facts.model_type == "llama"
    assert facts.bytes["float32"] == 4 * facts.parameters and facts.bytes["bfloat16"] == 2 * facts.parameters
    assert facts.bytes["float16"] > facts.bytes["int8"] > facts.bytes["int4"]
    assert set(facts.bytes) == set(PLAN_DTYPES)


def test_only_the_header_is_read(tmp_path: Path, tiny_llama_dir: Path) -> None:
    folder = tmp_path / "cut"
    shutil.copytree(tiny_llama_dir, folder)
    truncate_file(folder / "model.safetensors", 0.5)  # tensor data cut short, header intact
    facts = model_facts(str(folder))
    assert facts is not None and facts.parameters == model_facts(str(tiny_llama_dir)).parameters  # type: ignore[union-attr]


def test_an_lfs_pointer_is_not_a_header_and_yields_no_facts(tmp_path: Path, tiny_llama_dir: Path) -> None:
    folder = tmp_path / "pointer"
    shutil.copytree(tiny_llama_dir, folder)
    make_lfs_pointer(folder / "model.safetensors")
    with pytest.raises(ValueError):
        read_safetensors_header(folder / "model.safetensors")
    assert model_facts(str(folder)) is None


def test_sharded_checkpoints_are_summed_over_the_index(tmp_path: Path, tiny_llama_dir: Path) -> None:
    from transformers import AutoModelForCausalLM

    folder = tmp_path / "sharded"
    AutoModelForCausalLM.from_pretrained(tiny_llama_dir).save_pretrained(folder, max_shard_size="200KB")
    assert (folder / "model.safetensors.index.json").is_file() and len(list(folder.glob("*.safetensors"))) > 1
    facts = model_facts(str(folder))
    assert facts is not None and facts.parameters == _real_parameter_count(folder)


def test_bin_checkpoints_are_sized_from_the_files_and_flagged(tmp_path: Path, tiny_llama_dir: Path) -> None:
    import torch
    from safetensors.torch import load_file

    folder = tmp_path / "bin"  # transformers 5 only writes safetensors: save the .bin as old checkpoints have it
    shutil.copytree(tiny_llama_dir, folder)
    (folder / "model.safetensors").unlink()
    torch.save(load_file(tiny_llama_dir / "model.safetensors"), folder / "pytorch_model.bin")
    facts = model_facts(str(folder))
    assert facts is not None and facts.source == "weights_files" and not facts.safetensors
    real = _real_parameter_count(tiny_llama_dir)
    assert real <= facts.parameters <= real * 1.1  # the pickle adds a little


def test_a_cached_hub_repo_is_read_from_its_snapshot(cached_tiny: Path, tiny_llama_dir: Path) -> None:
    folder = local_model_dir("org/tiny")
    assert folder is not None and "snapshots" in folder.parts
    facts = model_facts("org/tiny")
    assert facts is not None and facts.source == "safetensors"
    assert facts.parameters == _real_parameter_count(tiny_llama_dir)
    assert model_facts("org/not-cached") is None  # no network unless asked


def test_the_hub_answers_with_ranged_header_reads_and_nothing_downloaded(
        hub: HubDouble, hf_home: Path, tiny_llama_dir: Path) -> None:
    facts = model_facts("org/tiny", hub=True)
    assert facts is not None and facts.source == "hub"
    assert facts.parameters == _real_parameter_count(tiny_llama_dir) and facts.model_type == "llama"
    assert any("model.safetensors" in line and "206" in line for line in hub.requests)  # a Range request
    cached = [p for p in hf_home.rglob("*") if p.is_file()]
    assert all(p.stat().st_size < 100_000 for p in cached)  # config.json at most, never the weights


def test_a_config_alone_is_sized_on_the_meta_device(tmp_path: Path, tiny_llama_dir: Path) -> None:
    from transformers import AutoConfig, AutoModelForCausalLM

    folder = tmp_path / "config-only"
    folder.mkdir()
    shutil.copy(tiny_llama_dir / "config.json", folder / "config.json")
    assert model_facts(str(folder)) is None  # config sizing is opt-in (it imports transformers)
    facts = model_facts(str(folder), config=True)
    real = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(folder))
    assert facts is not None and facts.source == "config"
    assert facts.parameters == sum(p.numel() for p in real.parameters())
    assert os.listdir(folder) == ["config.json"]  # nothing written
